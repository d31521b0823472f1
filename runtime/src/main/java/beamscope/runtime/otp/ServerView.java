package beamscope.runtime.otp;

import beamscope.runtime.Pid;

/**
 * A GenServer or Agent as observers see it: its module label ({@code "BankAccount"}, {@code "Agent"})
 * and its state rendered in inspect syntax, cut to the requested length. Read with {@link Observe#server}.
 */
public record ServerView(Pid pid, String label, String state) {}
