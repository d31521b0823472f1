%{m | k:v}
