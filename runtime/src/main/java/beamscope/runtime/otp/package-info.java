/**
 * OTP behaviours on the Beamscope runtime: {@link beamscope.runtime.otp.GenServer},
 * {@link beamscope.runtime.otp.Supervisor}, {@link beamscope.runtime.otp.DynamicSupervisor},
 * {@link beamscope.runtime.otp.Task} and {@link beamscope.runtime.otp.Agent}, with Elixir's defaults
 * (call timeout 5000 ms; 3 restarts in 5 seconds). Every one of them is an ordinary runtime process built
 * from {@link beamscope.runtime.Behavior}s; nothing here has threads or locks of its own.
 *
 * <h2>Nothing blocks a scheduler</h2>
 * Synchronous operations (a call, a start whose init must have run, stopping a child and waiting for its
 * DOWN) come in two forms:
 * <ul>
 *   <li>inside a process, in continuation-passing style: the method returns the caller's next behaviour, a
 *       selective receive for the answer with an {@code after} for the timeout, and hands the answer to a
 *       continuation ({@code GenServer.call(ctx, server, request, timeout, reply -> next)}). Messages the
 *       receive does not match stay queued and are offered again to the behaviour that follows;</li>
 *   <li>outside (tests, the GUI, {@code main}), taking a {@link beamscope.runtime.Node}: the calling thread
 *       blocks on a private {@link beamscope.runtime.Inbox}, and failures throw
 *       {@link beamscope.runtime.ExitException} with the exit reason a process would have died with. These
 *       refuse to run on a scheduler thread.</li>
 * </ul>
 *
 * <h2>Wire protocol</h2>
 * As in OTP (C6): {@code {:"$gen_call", From(pid, tag), request}} answered by {@code {tag, reply}}, where
 * the tag is the caller's monitor on the server; {@code {:"$gen_cast", request}};
 * {@code {:"$system", from, :get_state | {:terminate, reason}}} for {@code getState} and {@code stop};
 * {@code {:"$ack", ref, StartResult}} for the synchronous start. Supervisors answer the same calls, so
 * their management API is {@code GenServer.call} underneath.
 *
 * <h2>Late replies (C8)</h2>
 * Outside a process each call has its own inbox, closed afterwards: a late reply goes to a dead pid. Inside,
 * a failed call exits the caller unless it passed an {@code onFailure} continuation; then the tag is
 * remembered as abandoned and every receive of the caller drops a {@code {tag, _}} that arrives later.
 *
 * <h2>Observation</h2>
 * Each GenServer, Agent and supervisor keeps, under {@code $beamscope} in its dictionary, an object it
 * updates with a volatile write; {@link beamscope.runtime.otp.Observe} turns it into immutable views
 * ({@link beamscope.runtime.otp.SupervisorView}, {@link beamscope.runtime.otp.ChildView},
 * {@link beamscope.runtime.otp.ServerView}) from any thread, even with the schedulers paused. Supervisors
 * also publish {@code :supervisor_report} and {@code :progress_report} events through
 * {@link beamscope.runtime.Node#report}.
 */
package beamscope.runtime.otp;
