package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.Agent;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.StartOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code exercise-expiring-cache} (001, exercise 4): an Agent holding {value, expires_at} per key. */
final class ExerciseExpiringCache implements Script {
    static final Lesson LESSON = new Lesson("exercise-expiring-cache", "Exercise: a cache with expiry", "001",
            """
            The fourth exercise: a cache built on an Agent named Cache. put stores the value together with \
            the moment it stops being good (now plus a time-to-live, a minute unless told otherwise); get \
            looks at that moment on every read and answers {:ok, value}, :expired, or :not_found for a key \
            never stored. Nothing deletes an expired entry: it is still in the map, get just refuses it. \
            To keep the lesson short the greeting lives two seconds instead of a minute.""",
            """
            defmodule Cache do
              use Agent

              def start_link, do: Agent.start_link(fn -> %{} end, name: __MODULE__)

              def put(key, value, ttl \\\\ 60_000) do
                expires_at = System.monotonic_time(:millisecond) + ttl
                Agent.update(__MODULE__, &Map.put(&1, key, {value, expires_at}))
              end

              def get(key) do
                Agent.get(__MODULE__, fn entries ->
                  case Map.fetch(entries, key) do
                    {:ok, {value, expires_at}} ->
                      if System.monotonic_time(:millisecond) < expires_at, do: {:ok, value}, else: :expired
                    :error ->
                      :not_found
                  end
                end)
              end
            end

            Cache.start_link()
            Cache.put(:greeting, "hello", 2_000)     # two seconds
            Cache.put(:answer, 42)                   # a minute
            Cache.get(:greeting)                     # {:ok, "hello"}
            Cache.get(:nothing)                      # :not_found
            :timer.sleep(2_000)
            Cache.get(:greeting)                     # :expired
            Cache.get(:answer)                       # {:ok, 42}
            """,
            ExerciseExpiringCache::new);

    static final String NAME = "Cache";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(1), SHORT_TTL = Duration.ofSeconds(2);
    static final Atom GREETING = Atom.of("greeting"), ANSWER = Atom.of("answer"), NOTHING = Atom.of("nothing"),
            EXPIRED = Atom.of("expired"), NOT_FOUND = Atom.of("not_found");

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    static void put(Stage s, Object key, Object value, Duration ttl) {
        long expiresAt = nowMillis() + ttl.toMillis();
        s.say(Terms.inspect(Agent.<Map<Object, Object>>update(s.node(), NAME, entries -> {
            Map<Object, Object> next = new HashMap<>(entries);
            next.put(key, Tuple.of(value, expiresAt));
            return Map.copyOf(next);
        })));
    }

    static Object get(Stage s, Object key) {
        return Agent.<Map<Object, Object>, Object>get(s.node(), NAME, entries -> {
            if (!(entries.get(key) instanceof Tuple2(Object value, Long expiresAt))) return NOT_FOUND;
            return nowMillis() < expiresAt ? Tuple.of(Atom.OK, value) : EXPIRED;
        });
    }

    private Pid cache;

    @Override
    public void start(Stage s) {
        s.typed("Cache.start_link()");
        cache = s.startChild(ChildSpec.worker(Atom.of(NAME), Agent.child(Map::of, StartOptions.named(NAME))));
        s.say("{:ok, " + cache + "}");
        s.focus(cache);
    }

    private static Optional<String> answers(Stage s, Object key, Object expected) {
        Object got = get(s, key);
        return expected.equals(got) ? Optional.of(Terms.inspect(got)) : Optional.empty();
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Put :greeting for two seconds and :answer for a minute, then get :greeting", s -> {
                    s.highlight(cache);
                    s.typed("Cache.put(:greeting, \"hello\", 2_000)");
                    put(s, GREETING, "hello", SHORT_TTL);
                    s.typed("Cache.put(:answer, 42)");
                    put(s, ANSWER, 42L, DEFAULT_TTL);
                    s.typed("Cache.get(:greeting)");
                }, "{:ok, \"hello\"}", s -> answers(s, GREETING, Tuple.of(Atom.OK, "hello"))),
                new Step("Get a key that was never put", s -> {
                    s.highlight(cache);
                    s.typed("Cache.get(:nothing)");
                }, ":not_found", s -> answers(s, NOTHING, NOT_FOUND)),
                new Step("Let the two seconds pass, then get :greeting again", s -> {
                    s.highlight(cache);
                    s.typed(":timer.sleep(2_000)");
                    s.typed("Cache.get(:greeting)");
                }, ":expired for the greeting, while :answer is still {:ok, 42}", s -> answers(s, GREETING, EXPIRED)
                        .flatMap(expired -> answers(s, ANSWER, Tuple.of(Atom.OK, 42L))
                                .map(answer -> expired + "\niex> Cache.get(:answer)\n" + answer))));
    }
}
