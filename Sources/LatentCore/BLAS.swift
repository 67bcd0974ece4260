import COpenBLAS

/// The BLAS library under every matrix product, and the threads products run on.
public enum BLAS {
    /// OpenBLAS's build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The threads products (and every other kernel) run on: the engine's worker pool, caller included.
    ///
    /// OpenBLAS itself runs single-threaded inside each thread; large products are split between the threads.
    public static var threads: Int {
        _ = singleThreadedOpenBLAS
        return WorkerPool.shared.threads
    }

    /// Switches OpenBLAS's own threads off once: the worker pool owns the cores, and OpenBLAS's idle threads
    /// would otherwise spin (sched_yield) after every product on the core the pool's worker needs.
    package static let singleThreadedOpenBLAS: Void = openblas_set_num_threads(1)

    /// Products below this many floating-point operations run on the calling thread alone.
    package static let parallelFlops = 1 << 21

    /// C = alpha * op(A) * op(B) + beta * C, row-major; op transposes when asked.
    ///
    /// Large products are split in two along the longer side of C (or along k when C is tiny, as for a
    /// convolution's weight gradient), one single-threaded OpenBLAS call per thread.
    ///
    /// - Parameters: m, n, k: C is m x n and the inner dimension is k.
    /// - Parameter split: false runs the product on the calling thread alone (see `concurrently`).
    static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, split: Bool = true
    ) {
        guard m > 0, n > 0 else { return }
        _ = singleThreadedOpenBLAS
        let pieces = WorkerPool.shared.threads
        guard split, pieces > 1, 2 * m * n * k >= parallelFlops else {
            return serialSgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
        if n >= 64 * pieces || (n >= m && n >= 16 * pieces) {  // split the columns of C and op(B)
            WorkerPool.shared.run(pieces: pieces) { piece in
                let (start, end) = (alignedCut(n, piece, pieces), alignedCut(n, piece + 1, pieces))
                serialSgemm(
                    transposeA, transposeB, m, end - start, k, alpha, a, lda,
                    b + (transposeB ? start * ldb : start), ldb, beta, c + start, ldc)
            }
        } else if m >= 16 * pieces {  // split the rows of C and op(A)
            WorkerPool.shared.run(pieces: pieces) { piece in
                let (start, end) = (alignedCut(m, piece, pieces), alignedCut(m, piece + 1, pieces))
                serialSgemm(
                    transposeA, transposeB, end - start, n, k, alpha, a + (transposeA ? start : start * lda), lda,
                    b, ldb, beta, c + start * ldc, ldc)
            }
        } else {  // C is tiny and k long: each thread sums part of k, the parts are added at the end
            let partials = UnsafeMutablePointer<Float>.allocate(capacity: (pieces - 1) * m * n)
            defer { partials.deallocate() }
            WorkerPool.shared.run(pieces: pieces) { piece in
                let (start, end) = (piece * k / pieces, (piece + 1) * k / pieces)
                let (target, targetStride) = piece == 0 ? (c, ldc) : (partials + (piece - 1) * m * n, n)
                serialSgemm(
                    transposeA, transposeB, m, n, end - start, alpha, a + (transposeA ? start * lda : start), lda,
                    b + (transposeB ? start : start * ldb), ldb, piece == 0 ? beta : 0, target, targetStride)
            }
            KernelClock.measure(.sgemm) {
                for piece in 1..<pieces {
                    let partial = partials + (piece - 1) * m * n
                    for row in 0..<m {
                        let (sum, add) = (c + row * ldc, partial + row * n)
                        for column in 0..<n { sum[column] += add[column] }
                    }
                }
            }
        }
    }

    /// `sgemm` on buffers, checked to hold every element the product reads or writes (for modules outside the
    /// engine, which pass slices of tensors).
    package static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafeBufferPointer<Float>, lda: Int, b: UnsafeBufferPointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutableBufferPointer<Float>, ldc: Int, split: Bool = true
    ) {
        guard m > 0, n > 0 else { return }
        checkExtent("A", a.count, rows: transposeA ? k : m, columns: transposeA ? m : k, leading: lda)
        checkExtent("B", b.count, rows: transposeB ? n : k, columns: transposeB ? k : n, leading: ldb)
        checkExtent("C", c.count, rows: m, columns: n, leading: ldc)
        sgemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a.baseAddress!,
            lda: lda, b: b.baseAddress!, ldb: ldb, beta: beta, c: c.baseAddress!, ldc: ldc, split: split)
    }

    /// A row-major matrix of `rows` x `columns` with leading dimension `leading` fits in `count` elements.
    private static func checkExtent(_ name: String, _ count: Int, rows: Int, columns: Int, leading: Int) {
        precondition(
            leading >= columns, "sgemm: leading dimension of \(name) is \(leading), below its \(columns) columns")
        precondition(
            rows == 0 || columns == 0 || (rows - 1) * leading + columns <= count,
            "sgemm: \(name) of \(rows) x \(columns) (leading \(leading)) does not fit in \(count) elements")
    }

    /// Runs two independent products of `flops` floating-point operations each at once, one per thread, when
    /// they are large enough and the pool has a second thread; each closure gets `split: false` then, and
    /// `split: true` when it runs alone.
    ///
    /// Two whole products pack each operand once; splitting each product in two packs the shared operand
    /// twice and meets at a barrier in between.
    package static func concurrently(flops: Int, _ first: ((Bool) -> Void)?, _ second: ((Bool) -> Void)?) {
        guard let first, let second, WorkerPool.shared.threads > 1, flops >= parallelFlops else {
            first?(true)
            second?(true)
            return
        }
        WorkerPool.shared.run(pieces: 2) { piece in (piece == 0 ? first : second)(false) }
    }

    /// Where piece `piece` of `pieces` starts along a side of `total`, on a multiple of 16 (a vector
    /// register of floats twice over) so that no thread gets a ragged edge in the middle.
    private static func alignedCut(_ total: Int, _ piece: Int, _ pieces: Int) -> Int {
        piece == pieces ? total : min(total, (piece * total / pieces + 8) / 16 * 16)
    }

    /// One single-threaded OpenBLAS call on the calling thread (for kernels that split the work themselves).
    @inline(__always)
    static func serialSgemm(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        KernelClock.measure(.sgemm) {
            cblas_sgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }
}
