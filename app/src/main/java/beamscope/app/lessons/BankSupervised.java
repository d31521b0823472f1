package beamscope.app.lessons;

import beamscope.app.lessons.code.BankAccount;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.List;
import java.util.Optional;

/** {@code bank-supervised} (002): the account under a one_for_one supervisor comes back with its initial balance. */
final class BankSupervised implements Script {
    static final Lesson LESSON = new Lesson("bank-supervised", "A supervised bank account", "002",
            """
            The account is a GenServer whose whole state is its balance. Here it runs as the only child of \
            MyApp.Supervisor, a one_for_one supervisor. Kill the account and the supervisor notices the exit \
            and starts a new account from its child spec: a new pid under the same name, with the balance it \
            was started with — whatever it held before is gone with the old process.""",
            """
            defmodule BankAccount do
              use GenServer

              def start_link(initial_balance),
                do: GenServer.start_link(__MODULE__, initial_balance, name: :my_account)

              def get_balance, do: GenServer.call(:my_account, :get_balance)
              def deposit(amount), do: GenServer.cast(:my_account, {:deposit, amount})

              @impl true
              def init(balance), do: {:ok, balance}

              @impl true
              def handle_call(:get_balance, _from, balance), do: {:reply, balance, balance}

              @impl true
              def handle_cast({:deposit, amount}, balance), do: {:noreply, balance + amount}
            end

            defmodule MyApp.Supervisor do
              use Supervisor

              def start_link(arg),
                do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

              @impl true
              def init(_arg) do
                children = [{BankAccount, 1000}]
                Supervisor.init(children, strategy: :one_for_one)
              end
            end

            MyApp.Supervisor.start_link([])
            BankAccount.deposit(50)
            BankAccount.get_balance()            # 1050

            pid = Process.whereis(:my_account)
            Process.monitor(pid)
            Process.exit(pid, :kill)
            receive do {:DOWN, _ref, :process, ^pid, :killed} -> :gone end
            Supervisor.which_children(MyApp.Supervisor)   # asked after the restart: the new child
            Process.whereis(:my_account)         # a new pid
            BankAccount.get_balance()            # 1000
            """,
            BankSupervised::new);

    private Pid sup, before;

    @Override
    public void start(Stage s) {
        s.typed("MyApp.Supervisor.start_link([])");
        sup = s.startChild(ChildSpec.supervisor(Atom.of("MyApp.Supervisor"), ChildStart.supervisor(
                SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(BankAccount.childSpec(1000)),
                StartOptions.named("MyApp.Supervisor"))));
        s.say("{:ok, " + sup + "}");
        s.focus(sup);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Deposit 50, then ask for the balance", s -> {
                    s.highlight(s.node().whereis(BankAccount.NAME).orElseThrow());
                    s.typed("BankAccount.deposit(50)");
                    BankAccount.deposit(s.node(), 50);
                    s.say(":ok");
                    s.typed("BankAccount.get_balance()");
                }, "the balance is 1050", s -> {
                    long b = BankAccount.getBalance(s.node());
                    return b == 1050 ? Optional.of(Long.toString(b)) : Optional.empty();
                }),
                new Step("Kill the account — watch its supervisor restart it", s -> {
                    before = s.node().whereis(BankAccount.NAME).orElseThrow();
                    s.highlight(before, sup);
                    s.typed("pid = Process.whereis(:my_account)");
                    s.say("Account PID before crash: " + before);
                    s.typed("Process.exit(pid, :kill)");
                    s.node().exit(before, Atom.KILL);
                    s.say("true");
                }, "the supervisor starts a new account under :my_account", s -> {
                    Optional<Pid> now = s.node().whereis(BankAccount.NAME);
                    if (now.isEmpty() || now.get().equals(before)) return Optional.empty();
                    s.highlight(now.get(), sup);
                    return Optional.of("Account PID after crash: " + now.get());
                }),
                new Step("Ask the new account for its balance", s -> {
                    s.highlight(s.node().whereis(BankAccount.NAME).orElseThrow());
                    s.typed("BankAccount.get_balance()");
                }, "the balance is back at its initial 1000", s -> {
                    long b = BankAccount.getBalance(s.node());
                    return b == 1000 ? Optional.of(b + "   # the initial balance: the deposit died with the old process")
                            : Optional.empty();
                }));
    }
}
