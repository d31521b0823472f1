package beamscope.app.lessons;

import java.util.List;
import java.util.Optional;

/** Every lesson there is, in teaching order. Only finished lessons are listed. */
public final class Lessons {
    private Lessons() {}

    public static final List<Lesson> ALL = List.of(
            BankSupervised.LESSON,
            CounterGenServer.LESSON,
            Strategies.LESSON,
            SpawnLinkCrash.LESSON,
            MonitorDown.LESSON,
            RestartIntensity.LESSON,
            BankAccountLesson.LESSON,
            NamedProcesses.LESSON,
            PingPong.LESSON,
            TaskAsyncAwait.LESSON,
            AgentCounter.LESSON,
            GlobalCounterLesson.LESSON,
            SendReceive.LESSON,
            EchoLoop.LESSON,
            ReceiveTimeout.LESSON,
            Calculator.LESSON,
            StatefulCounter.LESSON,
            LinkUnlink.LESSON,
            RegisterCounter.LESSON,
            StackServer.LESSON,
            NamedCounter.LESSON,
            SpawnBasics.LESSON,
            KVStoreServer.LESSON,
            TickerLesson.LESSON,
            CacheTtl.LESSON,
            RateLimiterClients.LESSON,
            HealthChecker.LESSON,
            Bottleneck.LESSON,
            SecretAgent.LESSON,
            MillionProcesses.LESSON,
            PriorityStress.LESSON,
            SequentialVsConcurrent.LESSON,
            TaskStart.LESSON,
            UrlFetcher.LESSON,
            WorkerPool.LESSON,
            PubSubLesson.LESSON,
            RateLimiterLesson.LESSON,
            ExerciseEcho.LESSON,
            ExerciseCounter.LESSON,
            ExerciseParallelMap.LESSON,
            ExerciseExpiringCache.LESSON,
            ExerciseJobQueue.LESSON);

    public static Optional<Lesson> find(String id) {
        return ALL.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
