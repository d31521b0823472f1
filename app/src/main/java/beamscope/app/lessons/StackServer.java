package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code stack-server} (001): a GenServer whose state is a list; push is a cast, pop a call. */
final class StackServer implements Script {
    static final Lesson LESSON = new Lesson("stack-server", "A Stack GenServer: push and pop", "001",
            """
            A GenServer's state can be any term; here it is a list used as a stack. push is a cast that \
            puts the item on the head of the list. pop is a call that replies with the head and keeps the \
            tail — and replies nil when the list is empty, so popping too often is not a crash.""",
            """
            defmodule Stack do
              use GenServer

              def start_link(initial_stack),
                do: GenServer.start_link(__MODULE__, initial_stack, name: __MODULE__)

              def push(item), do: GenServer.cast(__MODULE__, {:push, item})
              def pop, do: GenServer.call(__MODULE__, :pop)

              @impl true
              def init(initial_stack), do: {:ok, initial_stack}

              @impl true
              def handle_cast({:push, item}, state), do: {:noreply, [item | state]}

              @impl true
              def handle_call(:pop, _from, [head | tail]), do: {:reply, head, tail}
              def handle_call(:pop, _from, []), do: {:reply, nil, []}
            end

            {:ok, _pid} = Stack.start_link([1, 2, 3])
            Stack.push(4)
            Stack.pop()   # 4
            Stack.pop()   # 3
            """,
            StackServer::new);

    static final String NAME = "Stack";
    static final Atom PUSH = Atom.of("push"), POP = Atom.of("pop");
    private Pid stack;

    /** The Stack GenServer; the state is an immutable list, head first. */
    static final class Stack implements GenServer<List<Object>, List<Object>> {
        @Override
        public Init<List<Object>> init(ProcessContext ctx, List<Object> initial) {
            return Init.ok(List.copyOf(initial));
        }

        @Override
        public Result<List<Object>> handleCast(ProcessContext ctx, Object request, List<Object> state) throws Exception {
            if (request instanceof Tuple2(Atom tag, Object item) && tag == PUSH) {
                List<Object> next = new ArrayList<>(state.size() + 1);
                next.add(item);
                next.addAll(state);
                return Result.noreply(List.copyOf(next));
            }
            return GenServer.super.handleCast(ctx, request, state);
        }

        @Override
        public Result<List<Object>> handleCall(ProcessContext ctx, Object request, From from, List<Object> state) throws Exception {
            if (request == POP) return state.isEmpty() ? Result.reply(Atom.NIL, state)
                    : Result.reply(state.get(0), state.subList(1, state.size()));
            return GenServer.super.handleCall(ctx, request, from, state);
        }
    }

    static Object pop(Node node) {
        return GenServer.call(node, NAME, POP);
    }

    @Override
    public void start(Stage s) {
        s.typed("{:ok, _pid} = Stack.start_link([1, 2, 3])");
        stack = s.startChild(ChildSpec.worker(Atom.of("Stack"),
                ChildStart.genServer(new Stack(), List.<Object>of(1L, 2L, 3L), StartOptions.named(NAME))));
        s.say("{:ok, " + stack + "}");
        s.focus(stack);
    }

    private Step pop(Object expected) {
        return new Step("Pop", s -> {
            s.highlight(stack);
            s.typed("Stack.pop()");
        }, "pop replies " + Terms.inspect(expected), s -> {
            Object top = pop(s.node());
            return top.equals(expected) ? Optional.of(Terms.inspect(top)) : Optional.empty();
        });
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Push 4", s -> {
                    s.highlight(stack);
                    s.typed("Stack.push(4)");
                    GenServer.cast(s.node(), NAME, Tuple.of(PUSH, 4L));
                    s.say(":ok");
                }, "the state is [4, 1, 2, 3]", s -> beamscope.runtime.otp.Observe.server(s.node(), stack)
                        .filter(v -> v.state().equals("[4, 1, 2, 3]")).map(v -> "# :sys.get_state(Stack) is " + v.state())),
                pop(4L), pop(3L));
    }
}
