import Foundation
import LatentCore

/// Named tensors in the safetensors format, as `safetensors.torch.save_file` writes a PyTorch `state_dict`.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON (`{"NAME": {"dtype": "F32", "shape": [..],
/// "data_offsets": [BEGIN, END]}, "__metadata__": {"key": "value"}}`), then the raw little-endian data, each
/// tensor at its offsets counted from the end of the header. Opening checks every entry of the header against the
/// data (offsets inside it, no two tensors overlapping, shape times element size equal to the byte count);
/// `tensor(_:)` converts one tensor's values to `Float`.
public struct SafetensorsFile {
    /// One tensor's place in the file, from the header.
    public struct Entry: Equatable, Sendable {
        public var dtype: String
        public var shape: [Int]
        /// Byte range within the data that follows the header.
        public var range: Range<Int>
    }

    /// The file it was read from, which errors name.
    public let path: String
    /// Every tensor's entry, by name.
    public let entries: [String: Entry]
    /// The header's `__metadata__` (string keys and values), empty when it has none.
    public let metadata: [String: String]
    private let bytes: Data
    private let dataStart: Int

    /// Bytes per element of the types this reader converts to `Float`.
    static let convertedSizes = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8]
    /// Types that are known (so their sizes are checked) but not converted: PyTorch's `num_batches_tracked` is I64.
    static let otherSizes = [
        "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1,
    ]
    /// The longest header read: the format's own readers stop at 100 MB.
    static let largestHeader = 100_000_000

    /// Reads and checks the file at `path`.
    ///
    /// - Parameter path: the safetensors file.
    public init(contentsOf path: String) throws {
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw LatentError("\(path): cannot be read (\(error.localizedDescription))")
        }
        try self.init(bytes: bytes, named: path)
    }

    /// Checks `bytes` as the contents of a safetensors file named `path` (for messages).
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name errors give it.
    public init(bytes: Data, named path: String) throws {
        self.path = path
        self.bytes = bytes
        guard bytes.count >= 8 else {
            throw LatentError("\(path): \(bytes.count) bytes, too short for a safetensors file (8-byte header length)")
        }
        let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= UInt64(min(bytes.count - 8, Self.largestHeader)) else {
            throw LatentError(
                "\(path): the header length \(length) reaches past the end of the file (\(bytes.count) bytes); "
                    + "not a safetensors file, or a truncated one")
        }
        dataStart = 8 + Int(length)
        let header = try Self.headerObject(bytes.subdata(in: 8..<dataStart), path: path)
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw LatentError("\(path): the header's __metadata__ is not an object of strings")
                }
                metadata = strings
            } else {
                entries[name] = try Self.entry(value, name: name, path: path, dataSize: bytes.count - dataStart)
            }
        }
        try Self.requireDisjoint(entries, path: path)
        self.entries = entries
        self.metadata = metadata
    }

    /// The tensor `name` as `Float` values with its shape.
    ///
    /// - Parameter name: the tensor's name in the header (`layer1.0.conv1.weight`).
    public func tensor(_ name: String) throws -> Tensor {
        guard let entry = entries[name] else { throw LatentError("\(path): no tensor \(name)") }
        guard Self.convertedSizes[entry.dtype] != nil else {
            throw LatentError(
                "\(path): tensor \(name) has dtype \(entry.dtype); only "
                    + Self.convertedSizes.keys.sorted().joined(separator: ", ") + " convert to float")
        }
        let tensor = Tensor(uninitializedShape: entry.shape)
        let start = dataStart + entry.range.lowerBound
        tensor.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[start..<(dataStart + entry.range.upperBound)])
                Self.convert(source, dtype: entry.dtype, into: out)
            }
        }
        return tensor
    }

    /// Little-endian `source` of `dtype` (one of `convertedSizes`) as floats; loads are unaligned because a
    /// tensor may start at any byte.
    private static func convert(
        _ source: UnsafeRawBufferPointer, dtype: String, into out: UnsafeMutableBufferPointer<Float>
    ) {
        switch dtype {
        case "F32":
            for i in out.indices {
                let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                out[i] = Float(bitPattern: bits)
            }
        case "F16":
            for i in out.indices {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                out[i] = Float(Float16(bitPattern: bits))
            }
        case "BF16":
            // bfloat16 is the upper half of a float32.
            for i in out.indices {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                out[i] = Float(bitPattern: UInt32(bits) << 16)
            }
        default:  // F64
            for i in out.indices {
                let bits = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                out[i] = Float(Double(bitPattern: bits))
            }
        }
    }

    /// The header as a JSON object, or an error saying why it is not one.
    private static func headerObject(_ json: Data, path: String) throws -> [String: Any] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: json) } catch {
            throw LatentError("\(path): the header is not valid JSON (\(error.localizedDescription))")
        }
        guard let object = parsed as? [String: Any] else {
            throw LatentError("\(path): the header is JSON but not an object of tensors")
        }
        return object
    }

    /// One header entry, checked: a known dtype, a shape of non-negative sizes, offsets inside the data whose span
    /// is the shape's elements times the dtype's size.
    private static func entry(_ value: Any, name: String, path: String, dataSize: Int) throws -> Entry {
        let what = "\(path): tensor \(name)"
        guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
            let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int]
        else {
            throw LatentError("\(what): the header entry needs dtype (a string), shape and data_offsets (integers)")
        }
        guard let elementSize = convertedSizes[dtype] ?? otherSizes[dtype] else {
            throw LatentError("\(what): unsupported dtype \(dtype)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw LatentError("\(what): negative size in shape \(shape)") }
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize else {
            throw LatentError(
                "\(what): data_offsets \(offsets) are not a range inside the \(dataSize) bytes of data")
        }
        let (elements, overflow) = shape.reduce((1, false)) { product, size in
            let next = product.0.multipliedReportingOverflow(by: size)
            return (next.partialValue, product.1 || next.overflow)
        }
        let (byteCount, tooMany) = elements.multipliedReportingOverflow(by: elementSize)
        guard !overflow, !tooMany, byteCount == offsets[1] - offsets[0] else {
            throw LatentError(
                "\(what): shape \(shape) of \(dtype) needs \(overflow || tooMany ? "too many" : String(byteCount)) "
                    + "bytes, but its data_offsets \(offsets) hold \(offsets[1] - offsets[0])")
        }
        return Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
    }

    /// Refuses two tensors whose bytes overlap, naming both.
    private static func requireDisjoint(_ entries: [String: Entry], path: String) throws {
        let sorted = entries.filter { !$0.value.range.isEmpty }.sorted {
            $0.value.range.lowerBound < $1.value.range.lowerBound
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.value.range.overlaps(previous.value.range) {
            throw LatentError(
                "\(path): tensor \(next.key) (bytes \(next.value.range)) overlaps tensor \(previous.key) "
                    + "(bytes \(previous.value.range))")
        }
    }
}
