package beamscope.app.lessons;

import beamscope.app.lessons.code.BankAccount;
import beamscope.runtime.Pid;
import java.util.List;
import java.util.Optional;

/** {@code bank-account} (002): call waits for the balance, cast deposits and returns at once. */
final class BankAccountLesson implements Script {
    static final Lesson LESSON = new Lesson("bank-account", "A bank account GenServer: call vs cast", "002",
            """
            A GenServer split in two halves: the client API the rest of the program calls, and the server \
            callbacks that run inside the account's own process. get_balance is a call — the caller waits \
            for the reply. deposit is a cast — the caller hands over the message and moves on, with :ok at \
            once. The balance lives only in the account process.""",
            """
            defmodule BankAccount do
              use GenServer

              # --- Client API
              def start_link(initial_balance),
                do: GenServer.start_link(__MODULE__, initial_balance, name: :my_account)

              def get_balance, do: GenServer.call(:my_account, :get_balance)
              def deposit(amount), do: GenServer.cast(:my_account, {:deposit, amount})

              # --- Server callbacks
              @impl true
              def init(balance), do: {:ok, balance}

              @impl true
              def handle_call(:get_balance, _from, balance), do: {:reply, balance, balance}

              @impl true
              def handle_cast({:deposit, amount}, balance), do: {:noreply, balance + amount}
            end

            BankAccount.start_link(100)
            BankAccount.get_balance()     # 100
            BankAccount.deposit(50)       # :ok, at once
            BankAccount.get_balance()     # 150
            """,
            BankAccountLesson::new);

    private Pid account;

    @Override
    public void start(Stage s) {
        s.typed("BankAccount.start_link(100)");
        account = s.startChild(BankAccount.childSpec(100));
        s.say("{:ok, " + account + "}");
        s.focus(account);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Call get_balance — the shell waits for the reply", s -> {
                    s.highlight(account);
                    s.typed("BankAccount.get_balance()");
                }, "the reply is 100", s -> balance(s, 100)),
                new Step("Cast a deposit of 50 — the shell gets :ok at once", s -> {
                    s.highlight(account);
                    s.typed("BankAccount.deposit(50)");
                    BankAccount.deposit(s.node(), 50);
                    s.say(":ok");
                }, "the account handled the deposit (its state is 150)", s -> {
                    String state = beamscope.runtime.otp.Observe.server(s.node(), account).map(beamscope.runtime.otp.ServerView::state).orElse("");
                    return state.equals("150") ? Optional.of("# :sys.get_state(:my_account) is now 150") : Optional.empty();
                }),
                new Step("Call get_balance again", s -> {
                    s.highlight(account);
                    s.typed("BankAccount.get_balance()");
                }, "the reply is 150", s -> balance(s, 150)));
    }

    private static Optional<String> balance(Stage s, long expected) {
        long b = BankAccount.getBalance(s.node());
        return b == expected ? Optional.of(Long.toString(b)) : Optional.empty();
    }
}
