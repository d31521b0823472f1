package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.Agent;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.ChildSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code agent-counter} (001): an Agent holds a value; get and update take functions; a named Agent. */
final class AgentCounter implements Script {
    static final Lesson LESSON = new Lesson("agent-counter", "Agents: state behind get and update", "001",
            """
            An Agent is a process that only holds state. You never send it messages yourself: Agent.get runs \
            a function on the state and returns what it gives, Agent.update replaces the state with what a \
            function makes of it. Both run inside the agent's process, one at a time. Give the agent a name \
            and anyone can reach it by that name.""",
            """
            {:ok, agent} = Agent.start_link(fn -> 0 end)

            Agent.get(agent, fn state -> state end)        # 0
            Agent.update(agent, fn state -> state + 1 end)
            Agent.get(agent, fn state -> state end)        # 1

            # a named Agent
            {:ok, _} = Agent.start_link(fn -> %{} end, name: :config)
            Agent.update(:config, fn state -> Map.put(state, :key, "value") end)
            Agent.get(:config, fn state -> state end)      # %{key: "value"}
            """,
            AgentCounter::new);

    private Pid agent;

    @Override
    public void start(Stage s) {
        s.typed("{:ok, agent} = Agent.start_link(fn -> 0 end)");
        agent = s.startChild(ChildSpec.worker(Atom.of("agent"), Agent.child(() -> 0L, StartOptions.DEFAULTS)));
        s.say("{:ok, " + agent + "}");
        s.focus(agent);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Agent.get the state", s -> {
                    s.highlight(agent);
                    s.typed("Agent.get(agent, fn state -> state end)");
                }, "the state is 0", s -> get(s, 0L)),
                new Step("Agent.update it by one, then get it", s -> {
                    s.highlight(agent);
                    s.typed("Agent.update(agent, fn state -> state + 1 end)");
                    s.say(Terms.inspect(Agent.<Long>update(s.node(), agent, n -> n + 1)));
                    s.typed("Agent.get(agent, fn state -> state end)");
                }, "the state is 1", s -> get(s, 1L)),
                new Step("Start an Agent named :config and put a key in its map", s -> {
                    s.typed("{:ok, _} = Agent.start_link(fn -> %{} end, name: :config)");
                    Pid config = s.startChild(ChildSpec.worker(Atom.of("config"),
                            Agent.child(() -> Map.of(), StartOptions.named("config"))));
                    s.say("{:ok, " + config + "}");
                    s.highlight(config);
                    s.typed("Agent.update(:config, fn state -> Map.put(state, :key, \"value\") end)");
                    s.say(Terms.inspect(Agent.<Map<Object, Object>>update(s.node(), "config", m -> {
                        Map<Object, Object> next = new HashMap<>(m);
                        next.put(Atom.of("key"), "value");
                        return Map.copyOf(next);
                    })));
                    s.typed("Agent.get(:config, fn state -> state end)");
                }, "the named agent's state is %{key: \"value\"}", s -> {
                    Object state = Agent.get(s.node(), "config", (Map<Object, Object> m) -> m);
                    return Map.of(Atom.of("key"), "value").equals(state) ? Optional.of(Terms.inspect(state)) : Optional.empty();
                }));
    }

    private Optional<String> get(Stage s, long expected) {
        Long v = Agent.get(s.node(), agent, (Long n) -> n);
        return v == expected ? Optional.of(Long.toString(v)) : Optional.empty();
    }
}
