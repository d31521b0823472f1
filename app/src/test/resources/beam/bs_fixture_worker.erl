%% Test fixture: a gen_server that answers only `get` (any other call, e.g. which_children, crashes it).
-module(bs_fixture_worker).
-behaviour(gen_server).
-export([start_link/0, start_link/1, init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() -> gen_server:start_link(?MODULE, anonymous, []).

start_link(Name) -> gen_server:start_link({local, Name}, ?MODULE, Name, []).

init(Name) -> {ok, #{name => Name, count => 0}}.

handle_call(get, _From, State) -> {reply, State, State}.

handle_cast({add, N}, State = #{count := C}) -> {noreply, State#{count := C + N}}.

handle_info(_Message, State) -> {noreply, State}.
