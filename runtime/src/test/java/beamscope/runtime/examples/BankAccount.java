package beamscope.runtime.examples;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.StartResult;

/** The BankAccount GenServer of the OTP lesson (seed 002), as in the README, side by side with the Elixir. */
public final class BankAccount implements GenServer<Long, Long> {
    static final Atom GET_BALANCE = Atom.of("get_balance"), DEPOSIT = Atom.of("deposit");
    static final String NAME = "my_account";

    // --- Client API

    /** {@code BankAccount.start_link(initial_balance)}, as a child start for a supervisor. */
    public static ChildStart startLink(long initialBalance) {
        return ChildStart.genServer(new BankAccount(), initialBalance, StartOptions.named(NAME));
    }

    /** {@code {BankAccount, 1000}} in a child list. */
    public static ChildSpec childSpec(long initialBalance) {
        return ChildSpec.worker("BankAccount", startLink(initialBalance));
    }

    /** From a shell (outside any process), like typing {@code BankAccount.start_link(100)} in iex. */
    public static StartResult start(Node node, long initialBalance) {
        return GenServer.start(node, new BankAccount(), initialBalance, StartOptions.named(NAME));
    }

    public static long getBalance(Node node) {
        return (Long) GenServer.call(node, NAME, GET_BALANCE);
    }

    public static void deposit(Node node, long amount) {
        GenServer.cast(node, NAME, Tuple.of(DEPOSIT, amount));
    }

    // --- Server callbacks

    @Override
    public Init<Long> init(ProcessContext ctx, Long balance) {
        return Init.ok(balance);
    }

    @Override
    public Result<Long> handleCall(ProcessContext ctx, Object request, From from, Long balance) throws Exception {
        return switch (request) {
            case Atom a when a == GET_BALANCE -> Result.reply(balance, balance);
            default -> GenServer.super.handleCall(ctx, request, from, balance);
        };
    }

    @Override
    public Result<Long> handleCast(ProcessContext ctx, Object request, Long balance) throws Exception {
        return switch (request) {
            case Tuple2(Atom tag, Long amount) when tag == DEPOSIT -> Result.noreply(balance + amount);
            default -> GenServer.super.handleCast(ctx, request, balance);
        };
    }
}
