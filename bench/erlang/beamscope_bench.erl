%% Beamscope benchmarks, Erlang/OTP side: the same workloads, in the same order and with the same
%% comments, as beamscope/bench/pekko/PekkoBench.java and beamscope/bench/beamscope/BeamscopeBench.java.
%%
%% Usage (bench/run.sh does this for you):
%%   erlc -o DIR beamscope_bench.erl
%%   erl -noshell +P 2000000 -pa DIR -run beamscope_bench main ring warmup=2 procs=1000 hops=1000000
%%   erl -noshell +P 2000000 -pa DIR -s beamscope_bench main spawn_1m -s init stop   (default sizes)
%% Runs `warmup` warm-up rounds then one measured round, each in a fresh process, and prints one JSON line
%% per round:
%%   {"system":"beam","workload":"ring","phase":"warmup|measure","round":1,"params":{...},"metrics":{...}}
%% Metric names carry their unit: _ms, _us, bytes_per_proc (lower is better), _per_s (higher is better).
-module(beamscope_bench).
-behaviour(supervisor).

-export([main/1]).
-export([init/1, start_worker/0]).  % the restart workload's supervisor and worker
-export([start_child_worker/0]).    % the dynsup workload's children

%% Default sizes: the full benchmark. run.sh passes smaller ones with --quick.
defaults("spawn_1m")  -> #{n => 1000000};
defaults("spawn_run") -> #{n => 1000000, sleep_ms => 60000};
defaults("ping_pong") -> #{n => 1000000};
defaults("ring")      -> #{procs => 1000, hops => 1000000};
defaults("fan_in")    -> #{senders => 8, n => 1000000};
defaults("skynet")    -> #{leaves => 1000000};
defaults("restart")   -> #{kills => 10000, sup_batch => 100};
defaults("priority")  -> #{samples => 1000};
defaults("monitor")   -> #{n => 100000};
defaults("dynsup")    -> #{n => 100000};
defaults(Other)       -> error({unknown_workload, Other}).

main(Args) ->
    [Workload | KVs] = [to_string(A) || A <- Args],
    Given = maps:from_list([parse_kv(KV) || KV <- KVs]),
    Warmups = maps:get(warmup, Given, 2),
    Defaults = defaults(Workload),
    Params = notes(Workload, maps:merge(Defaults, maps:with(maps:keys(Defaults), Given))),
    %% No log reports: a supervisor would otherwise print one per restart (Pekko's logging is off too).
    logger:set_primary_config(level, none),
    Status =
        try
            [print_round(Workload, Params, Round, Warmups) || Round <- lists:seq(1, Warmups + 1)],
            0
        catch Class:Reason:Stack ->
            io:format(standard_error, "~p:~p~n~p~n", [Class, Reason, Stack]),
            1
        end,
    halt(Status).

%% Settings the workload does not take from the command line, shown with the parameters.
notes("dynsup", Params) ->
    Elixir = code:ensure_loaded('Elixir.DynamicSupervisor') =:= {module, 'Elixir.DynamicSupervisor'},
    Params#{elixir => case Elixir of true -> 1; false -> 0 end};
notes(_, Params) ->
    Params.

print_round(Workload, Params, Round, Warmups) ->
    Metrics = in_fresh_process(fun() -> run(Workload, Params) end),
    Phase = case Round =< Warmups of true -> <<"warmup">>; false -> <<"measure">> end,
    io:put_chars([json([{system, <<"beam">>}, {workload, list_to_binary(Workload)}, {phase, Phase},
                        {round, Round}, {params, maps:to_list(Params)}, {metrics, Metrics}]), $\n]).

run("spawn_1m", P)  -> spawn_1m(P);
run("spawn_run", P) -> spawn_run(P);
run("ping_pong", P) -> ping_pong(P);
run("ring", P)      -> ring(P);
run("fan_in", P)    -> fan_in(P);
run("skynet", P)    -> skynet(P);
run("restart", P)   -> restart(P);
run("priority", P)  -> priority(P);
run("monitor", P)   -> monitor(P);
run("dynsup", P)    -> dynsup(P).

%% ---- 1. spawn_1m -------------------------------------------------------------------------------------
%% Spawn N processes that wait in receive, from one spawning process; spawn_ms = first spawn call to
%% return of the last. bytes_per_proc = (heap or process memory after GC, minus the baseline taken before
%% spawning) / N. kill_ms = from the order to kill every process until none is left.
%% BEAM: memory is erlang:memory(processes) (process structures and heaps, the spawner's pid list
%% included); kill is exit(P, kill) for each pid, then waiting until the process count is back.

spawn_1m(#{n := N}) ->
    Baseline = erlang:system_info(process_count),
    garbage_collect(),
    Mem0 = erlang:memory(processes),
    T0 = now_ns(),
    Pids = spawn_idle(N, []),
    T1 = now_ns(),
    garbage_collect(),
    Mem1 = erlang:memory(processes),
    T2 = now_ns(),
    lists:foreach(fun(P) -> exit(P, kill) end, Pids),
    wait_for_process_count(Baseline),
    T3 = now_ns(),
    [{spawn_ms, ms(T1 - T0)}, {bytes_per_proc, (Mem1 - Mem0) / N}, {kill_ms, ms(T3 - T2)}].

spawn_idle(0, Acc) -> Acc;
spawn_idle(N, Acc) -> spawn_idle(N - 1, [spawn(fun idle/0) | Acc]).

idle() -> receive stop -> ok end.

wait_for_process_count(Baseline) ->
    case erlang:system_info(process_count) =< Baseline of
        true -> ok;
        false -> receive after 1 -> wait_for_process_count(Baseline) end
    end.

%% ---- 2. ping_pong ------------------------------------------------------------------------------------
%% Two processes; the pinger sends its address, the ponger answers `pong`; N round trips, one at a time.
%% Timed in the pinger from the first ping to the last pong.

ping_pong(#{n := N}) ->
    Self = self(),
    Ponger = spawn(fun pong/0),
    spawn(fun() -> T0 = now_ns(), ping(N, Ponger), Self ! {ping_pong_done, now_ns() - T0} end),
    Nanos = receive {ping_pong_done, Ns} -> Ns end,
    exit(Ponger, kill),
    [{roundtrips_per_s, N * 1.0e9 / Nanos}].

pong() -> receive From -> From ! pong, pong() end.

ping(0, _) -> ok;
ping(N, Ponger) -> Ponger ! self(), receive pong -> ping(N - 1, Ponger) end.

%% ---- 3. ring -----------------------------------------------------------------------------------------
%% P processes in a ring, each knowing the next; a token carrying a hop count goes round, each process
%% passing it on with the count minus one; the one that receives 0 reports. Ring built before timing;
%% timed from sending the token to the report. msgs_per_s = hops / time.

ring(#{procs := P, hops := Hops}) ->
    Self = self(),
    Members = [spawn(fun() -> receive {next, Next} -> ring_member(Next, Self) end end)
               || _ <- lists:seq(1, P)],
    [First | Rest] = Members,
    lists:foreach(fun({M, Next}) -> M ! {next, Next} end, lists:zip(Members, Rest ++ [First])),
    T0 = now_ns(),
    First ! Hops,
    DoneAt = receive {ring_done, T} -> T end,
    lists:foreach(fun(M) -> exit(M, kill) end, Members),
    [{msgs_per_s, Hops * 1.0e9 / (DoneAt - T0)}].

ring_member(Next, Report) ->
    receive
        0 -> Report ! {ring_done, now_ns()};
        Hops -> Next ! Hops - 1
    end,
    ring_member(Next, Report).

%% ---- 4. fan_in ---------------------------------------------------------------------------------------
%% S senders each send N messages to one receiver, which counts them. Timed from just before the senders
%% are spawned until the receiver has all S*N. (BEAM senders are plain loops: the scheduler preempts them.)

fan_in(#{senders := S, n := N}) ->
    Self = self(),
    Total = S * N,
    Receiver = spawn(fun() -> count(Total), Self ! {fan_in_done, now_ns()} end),
    T0 = now_ns(),
    [spawn(fun() -> send_n(Receiver, N) end) || _ <- lists:seq(1, S)],
    DoneAt = receive {fan_in_done, T} -> T end,
    [{msgs_per_s, Total * 1.0e9 / (DoneAt - T0)}].

count(0) -> ok;
count(K) -> receive _ -> count(K - 1) end.

send_n(_, 0) -> ok;
send_n(Receiver, K) -> Receiver ! msg, send_n(Receiver, K - 1).

%% ---- 5. skynet ---------------------------------------------------------------------------------------
%% A 10-ary tree of processes with `leaves` leaves (1,111,111 processes for 1M): each inner node spawns 10
%% children, each leaf sends its number to its parent, each parent sends the sum of its 10 answers up.
%% Timed from spawning the root to the root's answer (the sum of 0..leaves-1, checked).

skynet(#{leaves := L}) ->
    Self = self(),
    T0 = now_ns(),
    spawn(fun() -> skynet_node(Self, 0, L) end),
    Sum = receive S when is_integer(S) -> S end,
    T1 = now_ns(),
    Sum =:= L * (L - 1) div 2 orelse error({skynet_sum, Sum}),
    [{time_ms, ms(T1 - T0)}].

skynet_node(Parent, Num, 1) ->
    Parent ! Num;
skynet_node(Parent, Num, Size) ->
    Self = self(),
    Sub = Size div 10,
    [spawn(fun() -> skynet_node(Self, Num + I * Sub, Sub) end) || I <- lists:seq(0, 9)],
    Parent ! sum_answers(10, 0).

sum_answers(0, Acc) -> Acc;
sum_answers(K, Acc) -> receive V -> sum_answers(K - 1, Acc + V) end.

%% ---- 6. restart --------------------------------------------------------------------------------------
%% A supervisor (one_for_one, restart without limit) with one registered worker. K times: kill the worker and
%% time until the new incarnation is there, measured two ways (K kills each, same supervisor):
%%   polled_*: the measurer busy-polls whereis(name) until it returns a new pid (not possible on Pekko);
%%   ready_*:  the new incarnation's start sends `ready` to the measurer, which waits in receive.
%% Then the same 2 x K kills again with the supervisor's restart list kept short (short_polled_*,
%% short_ready_*): a fresh supervisor (started and stopped untimed) for every `sup_batch` kills. With
%% intensity 1,000,000 in 1 s, OTP keeps every restart of the last period in a list that add_restart walks on
%% each restart, so the one-supervisor figures grow with K; the short ones do not.
%% p50/p99 in µs. BEAM: a real `supervisor` (intensity 1,000,000 in 1 s); kill is exit(Worker, kill).

restart(#{kills := K, sup_batch := B}) ->
    Sup = start_restart_sup(),
    Polled = [restart_polled() || _ <- lists:seq(1, K)],
    true = register(bench_measurer, self()),
    Ready = [restart_ready() || _ <- lists:seq(1, K)],
    unregister(bench_measurer),
    stop_restart_sup(Sup),
    ShortPolled = in_batches(K, B, fun restart_polled/0),
    true = register(bench_measurer, self()),
    ShortReady = in_batches(K, B, fun restart_ready/0),
    unregister(bench_measurer),
    latencies("polled_", Polled) ++ latencies("ready_", Ready)
        ++ latencies("short_polled_", ShortPolled) ++ latencies("short_ready_", ShortReady).

start_restart_sup() ->
    {ok, Sup} = supervisor:start_link(?MODULE, []),
    %% with bench_measurer registered, the first incarnation says it is ready too
    case whereis(bench_measurer) =:= self() of
        true -> receive {ready, _} -> ok end;
        false -> ok
    end,
    Sup.

stop_restart_sup(Sup) ->
    unlink(Sup),
    ok = gen_server:stop(Sup).

%% K measurements, a fresh supervisor for every B of them.
in_batches(K, _B, _Measure) when K =< 0 -> [];
in_batches(K, B, Measure) ->
    Sup = start_restart_sup(),
    Batch = [Measure() || _ <- lists:seq(1, min(K, B))],
    stop_restart_sup(Sup),
    Batch ++ in_batches(K - B, B, Measure).

init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 1000000, period => 1},
          [#{id => bench_worker, start => {?MODULE, start_worker, []}}]}};
init(simple_one_for_one) ->  % the dynsup workload without Elixir
    {ok, {#{strategy => simple_one_for_one},
          [#{id => bench_child, start => {?MODULE, start_child_worker, []}}]}}.

start_worker() ->
    Pid = spawn_link(fun() ->
                         case whereis(bench_measurer) of
                             undefined -> ok;
                             Measurer -> Measurer ! {ready, self()}
                         end,
                         worker()
                     end),
    true = register(bench_worker, Pid),
    {ok, Pid}.

worker() -> receive _ -> worker() end.

restart_polled() ->
    Old = whereis(bench_worker),
    T0 = now_ns(),
    exit(Old, kill),
    wait_for_new_worker(Old),
    now_ns() - T0.

wait_for_new_worker(Old) ->
    case whereis(bench_worker) of
        Pid when is_pid(Pid), Pid =/= Old -> ok;
        _ -> wait_for_new_worker(Old)
    end.

restart_ready() ->
    Old = whereis(bench_worker),
    T0 = now_ns(),
    exit(Old, kill),
    receive {ready, New} when New =/= Old -> now_ns() - T0 end.

%% ---- 7. priority -------------------------------------------------------------------------------------
%% One busy spinner per scheduler (1000 iterations of work per step, forever). Then, `samples` times, time
%% from spawning a new process until its message back arrives at the measuring process.
%% high_*: spinners LOW, new process and measurer HIGH. normal_*: spinners, new process NORMAL (the
%% measurer HIGH where priorities exist). The spinners get 50 ms to spread over the schedulers before
%% sampling. BEAM: process_flag(priority, ...) and spawn_opt priority.

priority(#{samples := S}) ->
    Schedulers = erlang:system_info(schedulers_online),
    process_flag(priority, high),
    High = with_spinners(Schedulers, low, fun() -> [probe(high) || _ <- lists:seq(1, S)] end),
    Normal = with_spinners(Schedulers, normal, fun() -> [probe(normal) || _ <- lists:seq(1, S)] end),
    process_flag(priority, normal),
    latencies("high_", High) ++ latencies("normal_", Normal).

with_spinners(N, Priority, Measure) ->
    Spinners = [spawn_opt(fun() -> spin(0) end, [{priority, Priority}]) || _ <- lists:seq(1, N)],
    receive after 50 -> ok end,
    Result = Measure(),
    lists:foreach(fun(P) -> exit(P, kill) end, Spinners),
    Result.

spin(1000) -> spin(0);            % "a step" of 1000 iterations, for symmetry with the JVM spinners
spin(I) -> spin(I + 1).

probe(Priority) ->
    Self = self(),
    T0 = now_ns(),
    spawn_opt(fun() -> Self ! probe_ran end, [{priority, Priority}]),
    receive probe_ran -> now_ns() - T0 end.

%% ---- 9. spawn_run ------------------------------------------------------------------------------------
%% Spawn N processes that each first run, as the tutorial's spawn(fn -> Process.sleep(5000) end) does: each
%% counts itself in a shared counter and then sleeps `sleep_ms` (60 s here, so that none ends during the
%% round). spawn_ms = first spawn call to return of the last (what the tutorial's :timer.tc shows);
%% ran_ms = first spawn call until the last process has run (the one whose count reaches N says so);
%% bytes_per_proc and kill_ms as in spawn_1m, taken while they all sleep.
%% BEAM: the counter is an atomics array; sleeping is receive after (Process.sleep's own code). Killed
%% sleepers end on their own scheduler: each one handles its exit signal itself.

spawn_run(#{n := N, sleep_ms := Sleep}) ->
    Self = self(),
    Baseline = erlang:system_info(process_count),
    Ran = atomics:new(1, []),
    garbage_collect(),
    Mem0 = erlang:memory(processes),
    Sleeper = fun() ->
                  case atomics:add_get(Ran, 1, 1) of
                      N -> Self ! {all_ran, now_ns()};
                      _ -> ok
                  end,
                  receive after Sleep -> ok end
              end,
    T0 = now_ns(),
    Pids = spawn_sleepers(N, Sleeper, []),
    T1 = now_ns(),
    RanAt = receive {all_ran, T} -> T end,
    garbage_collect(),
    Mem1 = erlang:memory(processes),
    T2 = now_ns(),
    lists:foreach(fun(P) -> exit(P, kill) end, Pids),
    wait_for_process_count(Baseline),
    T3 = now_ns(),
    [{spawn_ms, ms(T1 - T0)}, {ran_ms, ms(RanAt - T0)}, {bytes_per_proc, (Mem1 - Mem0) / N},
     {kill_ms, ms(T3 - T2)}].

spawn_sleepers(0, _, Acc) -> Acc;
spawn_sleepers(N, F, Acc) -> spawn_sleepers(N - 1, F, [spawn(F) | Acc]).

%% ---- 10. monitor --------------------------------------------------------------------------------------
%% N idle processes (spawned untimed); one watcher process monitors every one of them: monitor_ms = the
%% watcher's loop of N monitor calls. Then the N die: the driver kills them one after another and the
%% watcher counts the N DOWN messages; down_ms = the driver's first kill until the watcher has the last DOWN.
%% BEAM: erlang:monitor(process, P); exit(P, kill).

monitor(#{n := N}) ->
    Self = self(),
    Targets = spawn_idle(N, []),
    Watcher = spawn(fun() ->
                        receive {watch, Ts} -> ok end,
                        T0 = now_ns(),
                        lists:foreach(fun(P) -> erlang:monitor(process, P) end, Ts),
                        Self ! {monitored, now_ns() - T0},
                        downs(N),
                        Self ! {downs_done, now_ns()}
                    end),
    Watcher ! {watch, Targets},
    MonitorNs = receive {monitored, M} -> M end,
    T1 = now_ns(),
    lists:foreach(fun(P) -> exit(P, kill) end, Targets),
    DoneAt = receive {downs_done, T} -> T end,
    [{monitor_ms, ms(MonitorNs)}, {down_ms, ms(DoneAt - T1)}].

downs(0) -> ok;
downs(K) -> receive {'DOWN', _, process, _, _} -> downs(K - 1) end.

%% ---- 11. dynsup ---------------------------------------------------------------------------------------
%% A DynamicSupervisor (one_for_one, no child limit); one caller process calls start_child N times, one
%% after another, each child a worker that runs to its receive. total_ms = the N calls;
%% per_child_first_us / per_child_last_us = the mean time of one call over the first and the last 1% of
%% them (does a start_child get slower as the supervisor fills?). Stopping the supervisor is untimed.
%% BEAM: Elixir's own DynamicSupervisor when its code is on the path (run.sh puts it there when Elixir is
%% installed; the params show elixir=1), otherwise OTP's simple_one_for_one supervisor (elixir=0).

dynsup(#{n := N, elixir := E}) ->
    Elixir = E =:= 1,
    Spec = #{id => bench_child, start => {?MODULE, start_child_worker, []}},
    {Sup, StartChild} =
        case Elixir of
            true ->
                {ok, S} = 'Elixir.DynamicSupervisor':start_link([{strategy, one_for_one}]),
                {S, fun() -> {ok, _} = 'Elixir.DynamicSupervisor':start_child(S, Spec) end};
            false ->
                {ok, S} = supervisor:start_link(?MODULE, simple_one_for_one),
                {S, fun() -> {ok, _} = supervisor:start_child(S, []) end}
        end,
    Edge = max(1, N div 100),
    T0 = now_ns(),
    First = time_calls(Edge, StartChild),
    _ = time_calls(N - 2 * Edge, StartChild),
    Last = time_calls(Edge, StartChild),
    T1 = now_ns(),
    unlink(Sup),
    exit(Sup, shutdown),
    wait_for_exit(Sup),
    [{total_ms, ms(T1 - T0)}, {per_child_first_us, First / Edge / 1.0e3},
     {per_child_last_us, Last / Edge / 1.0e3}].

%% Nanoseconds for K calls of F.
time_calls(K, F) ->
    T0 = now_ns(),
    repeat(K, F),
    now_ns() - T0.

repeat(K, _) when K =< 0 -> ok;
repeat(K, F) -> F(), repeat(K - 1, F).

start_child_worker() -> {ok, spawn_link(fun() -> worker() end)}.

wait_for_exit(Pid) ->
    Ref = erlang:monitor(process, Pid),
    receive {'DOWN', Ref, process, Pid, _} -> ok end.

%% ---- helpers -----------------------------------------------------------------------------------------

%% Runs Fun in a new process (a clean heap, nothing left in the caller's mailbox) and returns its result.
in_fresh_process(Fun) ->
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Self ! {self(), round_result, Fun()} end),
    receive
        {Pid, round_result, Result} -> erlang:demonitor(Ref, [flush]), Result;
        {'DOWN', Ref, process, Pid, Reason} -> error({round_failed, Reason})
    end.

now_ns() -> erlang:monotonic_time(nanosecond).

ms(Nanos) -> Nanos / 1.0e6.

%% p50 and p99 in microseconds, nearest-rank.
latencies(Prefix, Nanos) ->
    Sorted = list_to_tuple(lists:sort(Nanos)),
    Rank = fun(P) -> element(max(1, min(tuple_size(Sorted), ceil(P * tuple_size(Sorted)))), Sorted) end,
    [{list_to_atom(Prefix ++ "p50_us"), Rank(0.50) / 1.0e3},
     {list_to_atom(Prefix ++ "p99_us"), Rank(0.99) / 1.0e3}].

to_string(A) when is_atom(A) -> atom_to_list(A);
to_string(S) when is_list(S) -> S.

parse_kv(KV) ->
    [K, V] = string:split(KV, "="),
    {list_to_atom(K), list_to_integer([C || C <- V, C =/= $_])}.

%% JSON for what this module prints: proplists are objects, binaries strings, numbers numbers.
json([{_, _} | _] = Props) ->
    ["{", lists:join(",", [[json(atom_to_binary(K)), ":", json(V)] || {K, V} <- Props]), "}"];
json([]) -> "{}";
json(B) when is_binary(B) -> [$", B, $"];
json(I) when is_integer(I) -> integer_to_list(I);
json(F) when is_float(F) -> float_to_list(F, [{decimals, 3}, compact]).
