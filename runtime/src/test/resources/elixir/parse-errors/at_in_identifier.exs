f@o"x"
