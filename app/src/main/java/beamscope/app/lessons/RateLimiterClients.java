package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple4;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code rate-limiter-clients} (000, the day's challenge): at most N requests a minute per client id, five clients at once. */
final class RateLimiterClients implements Script {
    static final Lesson LESSON = new Lesson("rate-limiter-clients", "A rate limiter per client, five clients at once", "000",
            """
            The challenge of the processes day: a RateLimiter GenServer that lets each client id make at most 10 \
            requests in any 60 seconds and answers {:error, :rate_limited} past that. Its state is a map from \
            client id to the times of that client's recent requests. Five client processes start together and \
            each asks 20 times. They all talk to the one limiter, which takes their calls one at a time from its \
            mailbox, so no count is ever lost or doubled: every client gets exactly 10 :ok and 10 refusals, \
            whatever order the calls arrive in. Limits are per client: a sixth client is still let in.""",
            """
            defmodule RateLimiter do
              use GenServer

              @limit 10
              @window 60_000   # one minute, in milliseconds

              def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

              def request(client_id), do: GenServer.call(__MODULE__, {:request, client_id})

              @impl true
              def init(seen), do: {:ok, seen}

              @impl true
              def handle_call({:request, id}, _from, seen) do
                now = System.monotonic_time(:millisecond)
                recent = Enum.filter(Map.get(seen, id, []), &(&1 > now - @window))

                if length(recent) < @limit do
                  {:reply, :ok, Map.put(seen, id, [now | recent])}
                else
                  {:reply, {:error, :rate_limited}, Map.put(seen, id, recent)}
                end
              end
            end

            RateLimiter.start_link([])
            parent = self()

            for id <- 1..5 do
              spawn(fn ->
                answers = for _ <- 1..20, do: RateLimiter.request(id)
                allowed = Enum.count(answers, &(&1 == :ok))
                send(parent, {:client, id, allowed, 20 - allowed})
              end)
            end

            for _ <- 1..5 do
              receive do
                {:client, id, ok, limited} ->
                  IO.puts("Client #{id}: #{ok} :ok, #{limited} {:error, :rate_limited}")
              end
            end
            """,
            RateLimiterClients::new);

    static final String NAME = "RateLimiter";
    static final int LIMIT = 10, CLIENTS = 5, REQUESTS = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Atom REQUEST = Atom.of("request"), CLIENT = Atom.of("client"), RATE_LIMITED = Atom.of("rate_limited");
    static final Object LIMITED = Tuple.of(Atom.ERROR, RATE_LIMITED);

    private Pid limiter;
    private final List<Pid> clients = new ArrayList<>();
    private final Map<Long, Tuple4> tallies = new TreeMap<>();
    private Object again, fresh;

    /** The state: client id → the monotonic times (ms) of its requests in the last minute, newest first. */
    static final class RateLimiter implements GenServer<Object, Map<Object, List<Long>>> {
        @Override
        public Init<Map<Object, List<Long>>> init(ProcessContext ctx, Object arg) {
            return Init.ok(Map.of());
        }

        @Override
        public Result<Map<Object, List<Long>>> handleCall(ProcessContext ctx, Object request, From from,
                Map<Object, List<Long>> seen) throws Exception {
            if (!(request instanceof Tuple2(Atom tag, Object id) && tag == REQUEST))
                return GenServer.super.handleCall(ctx, request, from, seen);
            long now = ctx.nanoTime() / 1_000_000;
            List<Long> recent = new ArrayList<>();
            for (long t : seen.getOrDefault(id, List.of())) if (t > now - WINDOW.toMillis()) recent.add(t);
            Map<Object, List<Long>> next = new HashMap<>(seen);
            Object answer;
            if (recent.size() < LIMIT) {
                recent.addFirst(now);
                answer = Atom.OK;
            } else {
                answer = LIMITED;
            }
            next.put(id, List.copyOf(recent));
            return Result.reply(answer, Map.copyOf(next));
        }

        @Override
        public String label() {
            return "RateLimiter";
        }
    }

    /** A client: {@code left} more requests, one after another, then its tally to the shell. */
    static Behavior client(Pid shell, long id, int left, int ok, int limited) {
        if (left == 0) return Behaviors.setup(ctx -> {
            ctx.send(shell, Tuple.of(CLIENT, id, (long) ok, (long) limited));
            return Behaviors.stop();
        });
        return Behaviors.setup(ctx -> GenServer.call(ctx, NAME, Tuple.of(REQUEST, id), answer -> Atom.OK.equals(answer)
                ? client(shell, id, left - 1, ok + 1, limited)
                : client(shell, id, left - 1, ok, limited + (LIMITED.equals(answer) ? 1 : 0))));
    }

    @Override
    public void start(Stage s) {
        s.typed("RateLimiter.start_link([])");
        limiter = s.startChild(ChildSpec.worker(Atom.of("RateLimiter"),
                ChildStart.genServer(new RateLimiter(), null, StartOptions.named(NAME))));
        s.say("{:ok, " + limiter + "}");
        s.focus(limiter);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Start five clients at once, each making 20 requests", s -> {
                    s.typed("for id <- 1..5, do: spawn(fn -> … 20 × RateLimiter.request(id) … end)");
                    Pid shell = s.iex().pid();
                    for (long id = 1; id <= CLIENTS; id++)
                        clients.add(s.startProcess(Atom.of("client_" + id), client(shell, id, REQUESTS, 0, 0)));
                    s.say(Terms.inspect(clients));
                    List<Pid> lit = new ArrayList<>(clients);
                    lit.add(limiter);
                    s.highlight(lit.toArray(Pid[]::new));
                }, "every client gets 10 :ok and 10 {:error, :rate_limited}", s -> {
                    s.receive(Stage.tagged(CLIENT), Duration.ofMillis(100)).ifPresent(m -> {
                        Tuple4 t = (Tuple4) m;
                        tallies.put((Long) t.e1(), t);
                        s.say("Client " + t.e1() + ": " + t.e2() + " :ok, " + t.e3() + " {:error, :rate_limited}");
                    });
                    if (tallies.size() < CLIENTS) return Optional.empty();
                    for (Tuple4 t : tallies.values())
                        if ((Long) t.e2() != LIMIT || (Long) t.e3() != REQUESTS - LIMIT) return Optional.empty();
                    return Optional.of("# 100 requests, 50 let through: 10 per client");
                }, Duration.ofSeconds(15)),
                new Step("Client 1 asks once more; a new client 6 asks for the first time", s -> {
                    s.highlight(limiter);
                    s.typed("RateLimiter.request(1)");
                    again = GenServer.call(s.node(), NAME, Tuple.of(REQUEST, 1L));
                    s.say(Terms.inspect(again));
                    s.typed("RateLimiter.request(6)");
                    fresh = GenServer.call(s.node(), NAME, Tuple.of(REQUEST, 6L));
                }, "client 1 is still refused; client 6 is let in (the limit is per client)",
                        s -> LIMITED.equals(again) && Atom.OK.equals(fresh) ? Optional.of(Terms.inspect(fresh)) : Optional.empty()));
    }
}
