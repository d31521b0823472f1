%% Test fixture for beamscope.app.remote.RealNodesTest: an application whose supervision tree is a few levels
%% deep. Compiled with erlc at test time and loaded on the test's own node only.
-module(bs_fixture_app).
-behaviour(application).
-export([start/2, stop/1, init/1, start_sup/2]).

start(_Type, _Args) -> start_sup(bs_top, top).

stop(_State) -> ok.

start_sup(Name, Kind) -> supervisor:start_link({local, Name}, ?MODULE, Kind).

init(top) ->
    {ok, {#{strategy => one_for_one, intensity => 10, period => 5},
          [worker(bs_counter), sup(bs_mid, mid), sup(bs_dyn, dyn)]}};
init(mid) ->
    %% bs_liar claims to be a supervisor but is a gen_server that crashes on which_children
    {ok, {#{strategy => rest_for_one, intensity => 10, period => 5},
          [worker(bs_w2), sup(bs_leaf, leaf), (worker(bs_liar))#{type => supervisor}]}};
init(leaf) ->
    {ok, {#{strategy => one_for_all, intensity => 10, period => 5}, [worker(bs_w3), worker(bs_w4)]}};
init(dyn) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10, period => 5},
          [#{id => dyn_worker, start => {bs_fixture_worker, start_link, []}}]}}.

worker(Name) -> #{id => Name, start => {bs_fixture_worker, start_link, [Name]}}.

sup(Name, Kind) -> #{id => Name, start => {?MODULE, start_sup, [Name, Kind]}, type => supervisor}.
