import COpenBLAS
import Foundation
import Synchronization

/// The engine's threads: the calling thread plus `threads - 1` persistent workers that share one job at a time.
///
/// Who owns the cores: this pool. OpenBLAS runs single-threaded inside each piece (`BLAS` switches its own
/// threads off), so exactly one thread computes per core and no library's idle thread spins on a core that
/// another needs. A job is split into pieces that threads claim one by one, so a worker that wakes late (or is
/// descheduled on a loaded machine) leaves its pieces to the others instead of holding the job up.
///
/// Every thread that runs a job, the caller included, computes with denormal numbers flushed to zero (FTZ and DAZ,
/// as TensorFlow and XLA run on CPU; PyTorch offers it as `torch.set_flush_denormal`). On Intel cores each denormal
/// operand takes a microcode assist, and training makes them: Adam's moments and a network's small gradients decay
/// into that range, and P3's epochs ran 1.8 times slower from the second epoch on.
///
/// A job started while another runs (from a second task, or from inside a piece) runs its pieces in the calling
/// thread, one after another: nesting never deadlocks and results never depend on the schedule.
package final class WorkerPool: @unchecked Sendable {
    /// The pool every kernel uses; its size is the number of cores, or OPENBLAS_NUM_THREADS / LATENT_THREADS when smaller.
    package static let shared = WorkerPool(threads: defaultThreadCount)

    /// Threads that compute a job, the caller included.
    package let threads: Int

    /// The current job: generation (high 32 bits), pieces (next 16) and the next unclaimed piece (low 16).
    private let state = Atomic<UInt64>(0)
    private let finishedPieces = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let sleepingWorkers = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    private var generation: UInt64 = 0
    /// The running job's body; written only while no piece of any job can be claimed.
    private var body: ((Int) -> Void)?

    /// Loop turns a worker spins (about 50-100 µs) before it sleeps: the gap between two kernels of a training step
    /// is usually shorter, and waking a sleeping thread costs more.
    private static let spinsBeforeSleeping = 100_000
    private static let largestPieceCount = 0xFFFF

    package init(threads: Int) {
        self.threads = max(1, threads)
        for _ in 1..<self.threads {
            let thread = Thread { self.workForever() }  // the pool lives as long as the process
            thread.name = "latent-worker"
            thread.start()
        }
    }

    private static var defaultThreadCount: Int {
        let environment = ProcessInfo.processInfo.environment
        let limits = ["LATENT_THREADS", "OPENBLAS_NUM_THREADS"].compactMap { environment[$0].flatMap(Int.init) }.filter
        { $0 > 0 }
        return ([ProcessInfo.processInfo.activeProcessorCount] + limits).min() ?? 1
    }

    /// Runs `body(0)`, ..., `body(pieces - 1)` on the pool's threads and returns when all are done.
    ///
    /// Pieces must write disjoint memory. The caller computes pieces too.
    package func run(pieces: Int, _ body: (Int) -> Void) {
        latent_flush_denormals()
        guard pieces > 1, threads > 1, pieces <= Self.largestPieceCount,
            busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for piece in 0..<pieces { body(piece) }
            return
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            finishedPieces.store(0, ordering: .relaxed)
            generation = (generation + 1) & 0xFFFF_FFFF
            state.store(generation << 32 | UInt64(pieces) << 16, ordering: .sequentiallyConsistent)
            if sleepingWorkers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            runPieces(of: generation)
            KernelClock.measure(.idle) {
                var turns = 0
                while finishedPieces.load(ordering: .acquiring) < pieces {
                    turns += 1
                    if turns > 2_000 { sched_yield() }  // a worker holding a piece was descheduled: let it run
                }
            }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims and runs pieces of job `jobGeneration` until none is left.
    private func runPieces(of jobGeneration: UInt64) {
        var current = state.load(ordering: .acquiring)
        while current >> 32 == jobGeneration {
            let (pieces, next) = ((current >> 16) & 0xFFFF, current & 0xFFFF)
            guard next < pieces else { return }
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged {
                body?(Int(next))
                finishedPieces.add(1, ordering: .releasing)
                current = state.load(ordering: .acquiring)
            } else {
                current = original
            }
        }
    }

    private func workForever() {
        latent_flush_denormals()
        var seen = state.load(ordering: .acquiring) >> 32
        while true {
            var turns = 0
            var current = state.load(ordering: .acquiring)
            while current >> 32 == seen {
                turns += 1
                if turns >= Self.spinsBeforeSleeping {
                    sleep(whileGenerationIs: seen)
                    turns = 0
                }
                current = state.load(ordering: .acquiring)
            }
            seen = current >> 32
            runPieces(of: seen)
        }
    }

    /// Blocks until a job of another generation is published; the caller checks `sleepingWorkers` after publishing.
    private func sleep(whileGenerationIs seen: UInt64) {
        wakeUp.lock()
        sleepingWorkers.add(1, ordering: .sequentiallyConsistent)
        while state.load(ordering: .sequentiallyConsistent) >> 32 == seen { wakeUp.wait() }
        sleepingWorkers.subtract(1, ordering: .sequentiallyConsistent)
        wakeUp.unlock()
    }
}
