package beamscope.app.lessons;

import beamscope.app.lessons.code.Idle;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code strategies} (002): the middle child killed under one_for_one, one_for_all and rest_for_one. */
final class Strategies implements Script {
    static final Lesson LESSON = new Lesson("strategies", "Restart strategies side by side", "002",
            """
            Three supervisors, each over the same three workers a, b and c, started in that order. They \
            differ only in their strategy. Kill the middle child b under each: one_for_one restarts b alone; \
            one_for_all takes a and c down too and starts all three again; rest_for_one restarts b and the \
            children started after it (c), and leaves a alone. Watch which pids change.""",
            """
            defmodule Worker do
              # a child that only waits: enough to see which pids a restart replaces
              def start_link, do: Task.start_link(fn -> Process.sleep(:infinity) end)
            end

            children = [
              %{id: :a, start: {Worker, :start_link, []}},
              %{id: :b, start: {Worker, :start_link, []}},
              %{id: :c, start: {Worker, :start_link, []}}
            ]

            {:ok, one} = Supervisor.start_link(children, strategy: :one_for_one, name: :one_for_one_sup)
            {:ok, all} = Supervisor.start_link(children, strategy: :one_for_all, name: :one_for_all_sup)
            {:ok, rest} = Supervisor.start_link(children, strategy: :rest_for_one, name: :rest_for_one_sup)

            # kill the middle child under each, then compare the pids
            [{:c, _, _, _}, {:b, b, _, _}, {:a, _, _, _}] = Supervisor.which_children(one)
            Process.exit(b, :kill)
            Supervisor.which_children(one)   # only b has a new pid
            """,
            Strategies::new);

    private static final List<String> IDS = List.of("a", "b", "c");
    private final Map<Strategy, Pid> sups = new LinkedHashMap<>();
    private Map<String, Pid> before = Map.of();

    @Override
    public void start(Stage s) {
        for (Strategy st : List.of(Strategy.ONE_FOR_ONE, Strategy.ONE_FOR_ALL, Strategy.REST_FOR_ONE)) {
            List<ChildSpec> children = new ArrayList<>();
            for (String id : IDS) children.add(ChildSpec.worker(Atom.of(id), ChildStart.spawnLink(Idle.loop())));
            String name = name(st) + "_sup";
            s.typed("Supervisor.start_link(children, strategy: :" + name(st) + ", name: :" + name + ")");
            Pid sup = s.startChild(ChildSpec.supervisor(Atom.of(name), ChildStart.supervisor(SupervisorFlags.of(st),
                    children, StartOptions.named(name))));
            sups.put(st, sup);
            s.say("{:ok, " + sup + "}");
        }
        s.focus(sups.get(Strategy.ONE_FOR_ALL));
    }

    private static String name(Strategy st) {
        return st.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                kill(Strategy.ONE_FOR_ONE, "only b gets a new pid; a and c keep theirs", List.of("b")),
                kill(Strategy.ONE_FOR_ALL, "a, b and c all get new pids", IDS),
                kill(Strategy.REST_FOR_ONE, "b and c get new pids; a keeps its pid", List.of("b", "c")));
    }

    private Step kill(Strategy st, String expected, List<String> restarted) {
        return new Step("Kill b under " + name(st) + " — watch which children restart", s -> {
            Pid sup = sups.get(st);
            before = children(s, sup);
            s.highlight(before.get("b"), sup);
            s.typed("Process.exit(b, :kill)   # b is " + before.get("b") + " under :" + name(st) + "_sup");
            s.node().exit(before.get("b"), Atom.KILL);
            s.say("true");
        }, expected, s -> {
            Pid sup = sups.get(st);
            Map<String, Pid> now = children(s, sup);
            if (now.size() != IDS.size()) return Optional.empty();
            for (String id : IDS) {
                boolean changed = !now.get(id).equals(before.get(id));
                if (changed != restarted.contains(id)) return Optional.empty();
            }
            List<Pid> lit = new ArrayList<>(List.of(sup));
            StringBuilder line = new StringBuilder(name(st) + ":");
            for (String id : IDS) {
                boolean changed = restarted.contains(id);
                if (changed) lit.add(now.get(id));
                line.append("  ").append(id).append(changed ? " " + before.get(id) + " → " + now.get(id) : " kept " + now.get(id));
            }
            s.highlight(lit.toArray(Pid[]::new));
            return Optional.of(line.toString());
        });
    }

    /** The running children by id (which_children lists newest first). */
    private static Map<String, Pid> children(Stage s, Pid sup) {
        Map<String, Pid> out = new LinkedHashMap<>();
        for (ChildView c : Supervisor.whichChildren(s.node(), sup))
            if (c.status() == ChildView.Status.RUNNING && c.pid().isPresent() && s.node().isAlive(c.pid().get()))
                out.put(((Atom) c.id()).name(), c.pid().get());
        return out;
    }
}
