@doc """ text
"""
