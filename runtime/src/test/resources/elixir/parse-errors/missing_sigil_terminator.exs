~r/abc
