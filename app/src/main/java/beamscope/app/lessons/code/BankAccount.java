package beamscope.app.lessons.code;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;

/** The bank account of the OTP lesson (002): {@code :get_balance} is a call, {@code {:deposit, amount}} a cast. */
public final class BankAccount implements GenServer<Long, Long> {
    public static final String NAME = "my_account";
    static final Atom GET_BALANCE = Atom.of("get_balance"), DEPOSIT = Atom.of("deposit");

    // --- Client API
    /** {@code {BankAccount, initial_balance}} in a supervisor's children. */
    public static ChildSpec childSpec(long initialBalance) {
        return ChildSpec.worker(Atom.of("BankAccount"),
                ChildStart.genServer(new BankAccount(), initialBalance, StartOptions.named(NAME)));
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
        if (request == GET_BALANCE) return Result.reply(balance, balance);
        return GenServer.super.handleCall(ctx, request, from, balance);
    }

    @Override
    public Result<Long> handleCast(ProcessContext ctx, Object request, Long balance) throws Exception {
        if (request instanceof Tuple2(Atom tag, Long amount) && tag == DEPOSIT) return Result.noreply(balance + amount);
        return GenServer.super.handleCast(ctx, request, balance);
    }
}
