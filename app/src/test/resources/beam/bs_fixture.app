{application, bs_fixture,
 [{description, "Beamscope test fixture"},
  {vsn, "1.0"},
  {modules, [bs_fixture_app, bs_fixture_worker]},
  {registered, [bs_top, bs_mid, bs_leaf, bs_dyn]},
  {applications, [kernel, stdlib]},
  {mod, {bs_fixture_app, []}}]}.
