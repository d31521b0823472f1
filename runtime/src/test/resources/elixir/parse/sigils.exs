~r/ab+c/
~r/\d+\.\d*/i
~r{a/b}
~r|a\|b|
~s(string #{x} here)
~s[brackets]
~s{braces}
~s<angles>
~s"quotes"
~s'single'
~S(no #{interp} \n here)
~w(one two three)
~w(one two)a
~w[a b c]s
~c(chars)
~C(raw)
~D[2024-01-01]
~T[12:00:00]
~s"""
heredoc sigil #{x}
"""
~S"""
  raw heredoc \n #{x}
  """
