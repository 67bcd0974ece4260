import Synchronization

/// One aligned, contiguous buffer of `Float`s, handed back to a pool of free buffers when its last tensor goes away.
///
/// A training step asks for the same sizes every time, so after the first step every buffer comes from the
/// pool: no calls to malloc, no fresh pages for the kernel to fault in and zero.
package final class Storage {
    /// Internal to the engine: other modules reach the values through a tensor's buffer accessors.
    let pointer: UnsafeMutablePointer<Float>
    package let count: Int

    /// 64-byte alignment matches a cache line and the widest vector loads OpenBLAS uses.
    package static let alignment = 64

    /// Buffers taken from the allocator (not the pool) since the process started, for benchmarks that count
    /// allocations per step.
    package static var allocations: Int { pool.withLock { $0.allocations } }

    /// Allocates `count` floats, all zero.
    package convenience init(zeros count: Int) {
        self.init(uninitialized: count)
        pointer.initialize(repeating: 0, count: count)
    }

    /// Allocates `count` floats whose values the caller writes before reading.
    package init(uninitialized count: Int) {
        self.count = count
        let capacity = max(count, 1)
        if let reused = Storage.pool.withLock({ $0.take(capacity) }),
            let address = UnsafeMutablePointer<Float>(bitPattern: reused)
        {
            pointer = address
        } else {
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: capacity * MemoryLayout<Float>.stride, alignment: Storage.alignment)
            pointer = raw.bindMemory(to: Float.self, capacity: capacity)
        }
    }

    deinit {
        let capacity = max(count, 1)
        let address = UInt(bitPattern: pointer)
        for released in Storage.pool.withLock({ $0.give(address, capacity) }) {
            UnsafeMutableRawPointer(bitPattern: released)?.deallocate()
        }
    }

    private static let pool = Mutex(FreeBuffers())
}

/// Free buffers by size (their addresses, which are `Sendable`), up to a total.
package struct FreeBuffers: ~Copyable {
    /// The most floats the pool holds; the engine's pool holds 256 MB.
    let largestTotal: Int

    var buffers: [Int: [UInt]] = [:]
    var total = 0
    package private(set) var allocations = 0

    package init(largestTotal: Int = 1 << 26) {
        self.largestTotal = largestTotal
    }

    /// A free buffer of exactly `count` floats, or nil (counted as an allocation) when there is none.
    package mutating func take(_ count: Int) -> UInt? {
        guard let buffer = buffers[count]?.popLast() else {
            allocations &+= 1
            return nil
        }
        total -= count
        return buffer
    }

    /// Keeps `buffer` for the next `take(count)` and returns the buffers the caller must free.
    ///
    /// A pool that would pass its total lets go of everything it holds first: the sizes of an earlier phase
    /// (a whole dataset, an evaluation's large batches) would otherwise hold the space for good, and every
    /// training step after them would miss.
    package mutating func give(_ buffer: UInt, _ count: Int) -> [UInt] {
        guard count <= largestTotal else { return [buffer] }
        var released: [UInt] = []
        if total + count > largestTotal {
            released = buffers.values.flatMap { $0 }
            buffers.removeAll(keepingCapacity: true)
            total = 0
        }
        buffers[count, default: []].append(buffer)
        total += count
        return released
    }
}
