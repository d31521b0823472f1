package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code cache-ttl} (000, the day's exercise): a Cache GenServer whose entries expire through send_after. */
final class CacheTtl implements Script {
    static final Lesson LESSON = new Lesson("cache-ttl", "A cache whose entries expire", "000",
            """
            The exercise of the processes day: a Cache GenServer holding a map, with put, get and delete. Each \
            put also asks the runtime to post the cache a reminder later, with Process.send_after(self(), \
            {:expire, key, ref}, ttl). When the reminder arrives, handle_info drops the entry, unless the key \
            was put again since (then the ref no longer matches). The tutorial's time-to-live is 60 seconds; \
            this lesson uses 3 seconds so the class does not wait a minute.""",
            """
            defmodule Cache do
              use GenServer

              @ttl 3_000   # 60_000 in the exercise; 3 s here

              def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

              def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})
              def get(key), do: GenServer.call(__MODULE__, {:get, key})
              def delete(key), do: GenServer.call(__MODULE__, {:delete, key})

              @impl true
              def init(entries), do: {:ok, entries}

              @impl true
              def handle_call({:put, key, value}, _from, entries) do
                ref = make_ref()
                Process.send_after(self(), {:expire, key, ref}, @ttl)
                {:reply, :ok, Map.put(entries, key, {value, ref})}
              end

              def handle_call({:get, key}, _from, entries) do
                case Map.fetch(entries, key) do
                  {:ok, {value, _ref}} -> {:reply, value, entries}
                  :error -> {:reply, nil, entries}
                end
              end

              def handle_call({:delete, key}, _from, entries),
                do: {:reply, :ok, Map.delete(entries, key)}

              @impl true
              def handle_info({:expire, key, ref}, entries) do
                case Map.fetch(entries, key) do
                  {:ok, {_value, ^ref}} ->
                    IO.puts("Expired #{inspect(key)}")
                    {:noreply, Map.delete(entries, key)}
                  _ ->
                    {:noreply, entries}
                end
              end
            end

            Cache.start_link([])
            for n <- 1..5, do: Cache.put(:"key#{n}", "value #{n}")
            Cache.get(:key1)        # "value 1"
            Cache.delete(:key5)
            :timer.sleep(3_500)
            Cache.get(:key1)        # nil: it expired
            """,
            CacheTtl::new);

    static final String NAME = "Cache";
    static final Duration TTL = Duration.ofSeconds(3);
    static final Atom PUT = Atom.of("put"), GET = Atom.of("get"), DELETE = Atom.of("delete"), EXPIRE = Atom.of("expire");
    static final List<Atom> KEYS = List.of(Atom.of("key1"), Atom.of("key2"), Atom.of("key3"), Atom.of("key4"), Atom.of("key5"));

    private Pid cache;
    private final List<Object> got = new ArrayList<>();
    private final Set<String> expired = new LinkedHashSet<>();

    /** The state: key → {value, ref of its latest put}. */
    static final class Cache implements GenServer<Object, Map<Object, Tuple2>> {
        private final Pid shell;

        Cache(Pid shell) {
            this.shell = shell;
        }

        @Override
        public Init<Map<Object, Tuple2>> init(ProcessContext ctx, Object arg) {
            return Init.ok(Map.of());
        }

        @Override
        public Result<Map<Object, Tuple2>> handleCall(ProcessContext ctx, Object request, From from,
                Map<Object, Tuple2> entries) throws Exception {
            Map<Object, Tuple2> next = new HashMap<>(entries);
            if (request instanceof Tuple3(Atom tag, Object key, Object value) && tag == PUT) {
                Ref ref = ctx.makeRef();
                ctx.sendAfter(ctx.self(), Tuple.of(EXPIRE, key, ref), TTL);
                next.put(key, new Tuple2(value, ref));
                return Result.reply(Atom.OK, Map.copyOf(next));
            }
            if (request instanceof Tuple2(Atom tag, Object key) && tag == GET) {
                Tuple2 e = entries.get(key);
                return Result.reply(e == null ? Atom.NIL : e.e0(), entries);
            }
            if (request instanceof Tuple2(Atom tag, Object key) && tag == DELETE) {
                next.remove(key);
                return Result.reply(Atom.OK, Map.copyOf(next));
            }
            return GenServer.super.handleCall(ctx, request, from, entries);
        }

        @Override
        public Result<Map<Object, Tuple2>> handleInfo(ProcessContext ctx, Object message,
                Map<Object, Tuple2> entries) throws Exception {
            if (message instanceof Tuple3(Atom tag, Object key, Ref ref) && tag == EXPIRE) {
                Tuple2 e = entries.get(key);
                if (e == null || !e.e1().equals(ref)) return Result.noreply(entries);
                Stage.puts(ctx, shell, "Expired " + Terms.inspect(key));
                Map<Object, Tuple2> next = new HashMap<>(entries);
                next.remove(key);
                return Result.noreply(Map.copyOf(next));
            }
            return GenServer.super.handleInfo(ctx, message, entries);
        }

        @Override
        public String label() {
            return "Cache";
        }
    }

    @Override
    public void start(Stage s) {
        s.typed("Cache.start_link([])");
        cache = s.startChild(ChildSpec.worker(Atom.of("Cache"),
                ChildStart.genServer(new Cache(s.iex().pid()), null, StartOptions.named(NAME))));
        s.say("{:ok, " + cache + "}");
        s.focus(cache);
    }

    static Object get(Stage s, Atom key) {
        return GenServer.call(s.node(), NAME, Tuple.of(GET, key));
    }

    static String value(int n) {
        return "value " + n;
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Put five keys, then get them back", s -> {
                    s.highlight(cache);
                    for (int i = 0; i < KEYS.size(); i++) {
                        s.typed("Cache.put(" + Terms.inspect(KEYS.get(i)) + ", \"" + value(i + 1) + "\")");
                        s.say(Terms.inspect(GenServer.call(s.node(), NAME, Tuple.of(PUT, KEYS.get(i), value(i + 1)))));
                    }
                    got.clear();
                    for (Atom key : KEYS) {
                        s.typed("Cache.get(" + Terms.inspect(key) + ")");
                        Object v = get(s, key);
                        got.add(v);
                        s.say(Terms.inspect(v));
                    }
                }, "each get answers the value put under its key", s -> {
                    for (int i = 0; i < KEYS.size(); i++)
                        if (!value(i + 1).equals(got.get(i))) return Optional.empty();
                    return Optional.of("# five keys in the cache, each with a 3-second timer");
                }),
                new Step("Delete :key5, then get it", s -> {
                    s.highlight(cache);
                    s.typed("Cache.delete(:key5)");
                    s.say(Terms.inspect(GenServer.call(s.node(), NAME, Tuple.of(DELETE, KEYS.get(4)))));
                    s.typed("Cache.get(:key5)");
                }, "get answers nil", s -> get(s, KEYS.get(4)) == Atom.NIL ? Optional.of("nil") : Optional.empty()),
                new Step("Wait for the time-to-live — watch the send_after reminders expire the rest", s -> {
                    s.highlight(cache);
                    s.typed(":timer.sleep(3_500)   # the cache's own timers fire meanwhile");
                }, "Expired :key1 … :key4 (not :key5, already deleted), then every get answers nil", s -> {
                    s.printed(Duration.ofMillis(100)).ifPresent(line -> {
                        expired.add(line);
                        s.say(line);
                    });
                    if (expired.size() < 4) return Optional.empty();
                    List<String> lines = new ArrayList<>();
                    for (Atom key : KEYS) {
                        Object v = get(s, key);
                        if (v != Atom.NIL) return Optional.empty();
                        lines.add("iex> Cache.get(" + Terms.inspect(key) + ")\n" + Terms.inspect(v));
                    }
                    return Optional.of(String.join("\n", lines));
                }, Duration.ofSeconds(15)));
    }
}
