package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kvstore-server} (001): a GenServer over a map; put and delete are casts, get a call. */
final class KVStoreServer implements Script {
    static final Lesson LESSON = new Lesson("kvstore-server", "A key-value store GenServer", "001",
            """
            The store's state is a map. put and delete change it and need no answer, so they are casts; get \
            needs the value back, so it is a call, and a key that is not there answers nil. Every change goes \
            through the one process, one message at a time, so two clients can never interleave half-done \
            updates.""",
            """
            defmodule KVStore do
              use GenServer

              def start_link, do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
              def put(key, value), do: GenServer.cast(__MODULE__, {:put, key, value})
              def get(key), do: GenServer.call(__MODULE__, {:get, key})
              def delete(key), do: GenServer.cast(__MODULE__, {:delete, key})

              @impl true
              def init(_), do: {:ok, %{}}

              @impl true
              def handle_cast({:put, key, value}, state), do: {:noreply, Map.put(state, key, value)}
              def handle_cast({:delete, key}, state), do: {:noreply, Map.delete(state, key)}

              @impl true
              def handle_call({:get, key}, _from, state), do: {:reply, Map.get(state, key), state}
            end

            KVStore.start_link()
            KVStore.put(:name, "Alice")
            KVStore.get(:name)        # "Alice"
            KVStore.delete(:name)
            KVStore.get(:name)        # nil
            """,
            KVStoreServer::new);

    static final String NAME = "KVStore";
    static final Atom PUT = Atom.of("put"), GET = Atom.of("get"), DELETE = Atom.of("delete"), KEY = Atom.of("name");
    private Pid store;

    static final class KVStore implements GenServer<Object, Map<Object, Object>> {
        @Override
        public Init<Map<Object, Object>> init(ProcessContext ctx, Object arg) {
            return Init.ok(Map.of());
        }

        @Override
        public Result<Map<Object, Object>> handleCast(ProcessContext ctx, Object request, Map<Object, Object> state) throws Exception {
            Map<Object, Object> next = new HashMap<>(state);
            if (request instanceof Tuple3(Atom tag, Object key, Object value) && tag == PUT) next.put(key, value);
            else if (request instanceof Tuple2(Atom tag, Object key) && tag == DELETE) next.remove(key);
            else return GenServer.super.handleCast(ctx, request, state);
            return Result.noreply(Map.copyOf(next));
        }

        @Override
        public Result<Map<Object, Object>> handleCall(ProcessContext ctx, Object request, From from, Map<Object, Object> state) throws Exception {
            if (request instanceof Tuple2(Atom tag, Object key) && tag == GET) return Result.reply(state.getOrDefault(key, Atom.NIL), state);
            return GenServer.super.handleCall(ctx, request, from, state);
        }
    }

    @Override
    public void start(Stage s) {
        s.typed("KVStore.start_link()");
        store = s.startChild(ChildSpec.worker(Atom.of("KVStore"),
                ChildStart.genServer(new KVStore(), null, StartOptions.named(NAME))));
        s.say("{:ok, " + store + "}");
        s.focus(store);
    }

    private Optional<String> get(Stage s, Object expected) {
        Object v = GenServer.call(s.node(), NAME, Tuple.of(GET, KEY));
        return v.equals(expected) ? Optional.of(Terms.inspect(v)) : Optional.empty();
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Put :name → \"Alice\", then get it", s -> {
                    s.highlight(store);
                    s.typed("KVStore.put(:name, \"Alice\")");
                    GenServer.cast(s.node(), NAME, Tuple.of(PUT, KEY, "Alice"));
                    s.say(":ok");
                    s.typed("KVStore.get(:name)");
                }, "get answers \"Alice\"", s -> get(s, "Alice")),
                new Step("Delete :name, then get it again", s -> {
                    s.highlight(store);
                    s.typed("KVStore.delete(:name)");
                    GenServer.cast(s.node(), NAME, Tuple.of(DELETE, KEY));
                    s.say(":ok");
                    s.typed("KVStore.get(:name)");
                }, "get answers nil", s -> get(s, Atom.NIL)));
    }
}
