package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple3;
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

/** {@code pubsub} (001): a registered GenServer keeps a list of subscriber pids per topic and fans messages out. */
final class PubSubLesson implements Script {
    static final Lesson LESSON = new Lesson("pubsub", "A PubSub server", "001",
            """
            Publish/subscribe lets senders and receivers ignore each other. The PubSub GenServer, registered \
            under its module name, keeps a map from topic to the pids that subscribed. Subscribing is a cast \
            carrying the subscriber's own pid; publishing is a cast too, and the server sends \
            {:message, topic, text} to every pid on that topic's list, and to nobody else. Here the shell and a \
            listener process subscribe to :news, another listener to :sports, then a headline goes out on :news.""",
            """
            defmodule PubSub do
              use GenServer

              def start_link, do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
              def subscribe(topic), do: GenServer.cast(__MODULE__, {:subscribe, topic, self()})
              def publish(topic, text), do: GenServer.cast(__MODULE__, {:publish, topic, text})

              @impl true
              def init(topics), do: {:ok, topics}

              @impl true
              def handle_cast({:subscribe, topic, pid}, topics) do
                {:noreply, Map.update(topics, topic, [pid], &[pid | &1])}
              end

              def handle_cast({:publish, topic, text}, topics) do
                for pid <- Map.get(topics, topic, []), do: send(pid, {:message, topic, text})
                {:noreply, topics}
              end
            end

            PubSub.start_link()
            PubSub.subscribe(:news)                  # the shell itself

            listen = fn topic ->
              spawn(fn ->
                PubSub.subscribe(topic)
                receive do
                  {:message, topic, text} -> IO.puts("Received on #{topic}: #{text}")
                end
              end)
            end

            listen.(:news)
            listen.(:sports)
            PubSub.publish(:news, "Breaking news!")  # "Received on news: Breaking news!"
            flush()                                  # {:message, :news, "Breaking news!"}
            """,
            PubSubLesson::new);

    static final String NAME = "PubSub";
    static final Atom SUBSCRIBE = Atom.of("subscribe"), PUBLISH = Atom.of("publish"), MESSAGE = Atom.of("message"),
            NEWS = Atom.of("news"), SPORTS = Atom.of("sports");

    /** The state maps a topic to its subscribers, newest first. */
    record PubSub() implements GenServer<Map<Object, List<Pid>>, Map<Object, List<Pid>>> {
        @Override
        public Init<Map<Object, List<Pid>>> init(ProcessContext ctx, Map<Object, List<Pid>> topics) {
            return Init.ok(topics);
        }

        @Override
        public Result<Map<Object, List<Pid>>> handleCast(ProcessContext ctx, Object request, Map<Object, List<Pid>> topics)
                throws Exception {
            if (request instanceof Tuple3(Atom tag, Object topic, Pid pid) && tag == SUBSCRIBE) {
                Map<Object, List<Pid>> next = new HashMap<>(topics);
                List<Pid> pids = new ArrayList<>(List.of(pid));
                pids.addAll(topics.getOrDefault(topic, List.of()));
                next.put(topic, List.copyOf(pids));
                return Result.noreply(Map.copyOf(next));
            }
            if (request instanceof Tuple3(Atom tag, Object topic, Object text) && tag == PUBLISH) {
                for (Pid pid : topics.getOrDefault(topic, List.of())) ctx.send(pid, Tuple.of(MESSAGE, topic, text));
                return Result.noreply(topics);
            }
            return GenServer.super.handleCast(ctx, request, topics);
        }

        @Override
        public String label() {
            return "PubSub";
        }
    }

    /** A listener: subscribes itself to {@code topic}, prints the first message it gets, ends. */
    static Behavior listener(Pid shell, Atom topic) {
        return Behaviors.setup(ctx -> {
            GenServer.cast(ctx, NAME, Tuple.of(SUBSCRIBE, topic, ctx.self()));
            return Behaviors.receive("listener/1", (c, msg) -> {
                if (msg instanceof Tuple3(Atom tag, Atom t, String text) && tag == MESSAGE) {
                    Stage.puts(c, shell, "Received on " + t.name() + ": " + text);
                    return Behaviors.stop();
                }
                return Behaviors.unhandled();
            });
        });
    }

    private Pid server, news, sports;
    private String received;

    @SuppressWarnings("unchecked")
    private Map<Object, List<Pid>> topics(Stage s) {
        return (Map<Object, List<Pid>>) GenServer.getState(s.node(), NAME);
    }

    @Override
    public void start(Stage s) {
        s.typed("PubSub.start_link()");
        server = s.startChild(ChildSpec.worker(Atom.of(NAME), ChildStart.genServer(new PubSub(),
                Map.<Object, List<Pid>>of(), StartOptions.named(NAME))));
        s.say("{:ok, " + server + "}");
        s.focus(server);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Subscribe the shell and a listener to :news, another listener to :sports", s -> {
                    Pid shell = s.iex().pid();
                    s.typed("PubSub.subscribe(:news)");
                    GenServer.cast(s.node(), NAME, Tuple.of(SUBSCRIBE, NEWS, shell));
                    s.say(":ok");
                    s.typed("listen.(:news)");
                    news = s.startProcess(Atom.of("listener_news"), listener(shell, NEWS));
                    s.say(news.toString());
                    s.typed("listen.(:sports)");
                    sports = s.startProcess(Atom.of("listener_sports"), listener(shell, SPORTS));
                    s.say(sports.toString());
                    s.highlight(server, news, sports);
                    s.typed(":sys.get_state(PubSub)");
                }, "the server's map lists the shell and the first listener under :news, the second under :sports", s -> {
                    Map<Object, List<Pid>> topics = topics(s);
                    return topics.getOrDefault(NEWS, List.of()).containsAll(List.of(news, s.iex().pid()))
                            && topics.getOrDefault(SPORTS, List.of()).contains(sports)
                            ? Optional.of(Terms.inspect(topics)) : Optional.empty();
                }),
                new Step("Publish \"Breaking news!\" on :news", s -> {
                    s.typed("PubSub.publish(:news, \"Breaking news!\")");
                    received = null;
                    GenServer.cast(s.node(), NAME, Tuple.of(PUBLISH, NEWS, "Breaking news!"));
                    s.say(":ok");
                    s.highlight(server, news);
                }, "the :news listener prints it and the shell gets {:message, :news, \"Breaking news!\"}; the :sports listener still waits", s -> {
                    if (received == null) s.printed(Duration.ofMillis(100)).ifPresent(line -> {
                        received = line;
                        s.say(line);
                    });
                    if (!"Received on news: Breaking news!".equals(received)) return Optional.empty();
                    return s.receive(Stage.tagged(MESSAGE), Duration.ofMillis(100))
                            .filter(m -> s.node().isAlive(sports))
                            .map(m -> "iex> flush()\n" + Terms.inspect(m) + "\n# the :sports listener " + sports + " is still waiting");
                }));
    }
}
