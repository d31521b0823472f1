x = (y = 1; y +- 1)
~s""
~s()
@default_opts +[name: __MODULE__, size: 10]
a -(1)
a +{1}
a -%{}
&Mod.fn(&1, 2)
Mod.fn(1)
x = Mod.fn 1
