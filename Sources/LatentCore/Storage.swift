/// One aligned, contiguous buffer of `Float`s, freed when its last tensor goes away.
package final class Storage {
    package let pointer: UnsafeMutablePointer<Float>
    package let count: Int

    /// 64-byte alignment matches a cache line and the widest vector loads OpenBLAS uses.
    package static let alignment = 64

    /// Allocates `count` floats, all zero.
    package convenience init(zeros count: Int) {
        self.init(uninitialized: count)
        pointer.initialize(repeating: 0, count: count)
    }

    /// Allocates `count` floats whose values the caller writes before reading.
    package init(uninitialized count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: Storage.alignment)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}
