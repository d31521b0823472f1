"plain"
""
"escapes: \" \\ \n \t \r \e \a \b \d \f \v \s \0 \x41 \x{1F600} \u00e9 \u{1F600} \#{not}"
"unicode: héllo wörld ✓"
"nested #{"inner #{x + 1} done"} end"
"expr #{a; b}"
"pipe #{x |> f()}"
"#{1}#{2}#{3}"
"line one
line two"
"continued \
here"
'charlist'
''
'with #{x} inside'
'esc \n \x41'
"""
heredoc line
  indented line
  #{interp} in heredoc
"""
    """
    indented by four
      six here
    """
'''
charlist heredoc
'''
x = """
  trailing ##{y}
  """
"""
escaped \""" quotes and \\ backslash
"""
"ends with newline\n"
