"""
no end
