/// The start of an IDX file: a magic number giving the element type and rank, then one size per axis.
struct IDXHeader {
    /// The size of each axis.
    let dimensions: [Int]
    /// Bytes before the data: 4 for the magic number, 4 per axis.
    var byteCount: Int { 4 + 4 * dimensions.count }
    /// Bytes of data the sizes announce (one byte per element).
    let dataBytes: Int

    /// Reads and checks the header; `axes` names the expected axes, e.g. ["N", "H", "W"], when the rank matters.
    init(reading reader: GzipReader, axes: [String]?) throws {
        let path = reader.path
        let magicBytes = try reader.read(upTo: 4)
        guard magicBytes.count == 4 else {
            throw DataError.truncated(path: path, expectedBytes: 4, actualBytes: magicBytes.count)
        }
        let magic = IDXHeader.bigEndian(magicBytes[0..<4])
        guard magic >> 8 == 0x08, (1...4).contains(magic & 0xFF) else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: String(
                    format:
                        "magic number 0x%08x is not an IDX file of unsigned bytes (0x00000801 labels, 0x00000803 images)",
                    magic))
        }
        let rank = magic & 0xFF
        if let axes, axes.count != rank {
            throw DataError.corrupt(
                path: path, offset: 3,
                reason: "the header gives \(rank) axes, expected "
                    + "\(axes.count) (\(axes.joined(separator: ", ")))")
        }
        let sizeBytes = try reader.read(upTo: 4 * rank)
        guard sizeBytes.count == 4 * rank else {
            throw DataError.truncated(path: path, expectedBytes: 4 + 4 * rank, actualBytes: 4 + sizeBytes.count)
        }
        dimensions = (0..<rank).map { IDXHeader.bigEndian(sizeBytes[(4 * $0)..<(4 * $0 + 4)]) }
        var product = 1
        for size in dimensions {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw DataError.corrupt(
                    path: path, offset: 4,
                    reason: "the sizes \(dimensions) multiply past the largest integer")
            }
            product = next
        }
        dataBytes = product
    }

    /// Refuses data that Latent would not hold or that the file cannot hold, before anything is allocated.
    func checkSize(against reader: GzipReader) throws {
        let path = reader.path
        guard dataBytes <= IDXFile.maximumDataBytes else {
            throw DataError.tooLarge(
                path: path, announcedBytes: dataBytes,
                limit: "the \(IDXFile.maximumDataBytes >> 30) GiB Latent reads from one IDX file")
        }
        if reader.isCompressed {
            // Deflate's densest code, a 258-byte match in 2 bits, inflates one byte into at most 1032.
            let most = reader.fileSize.multipliedReportingOverflow(by: 1032)
            if !most.overflow, dataBytes > most.partialValue {
                throw DataError.tooLarge(
                    path: path, announcedBytes: dataBytes,
                    limit: "a gzip file of "
                        + "\(reader.fileSize) bytes can hold (at most \(sizeInWords(most.partialValue)))")
            }
        } else if byteCount + dataBytes > reader.fileSize {
            throw DataError.truncated(path: path, expectedBytes: byteCount + dataBytes, actualBytes: reader.fileSize)
        } else if byteCount + dataBytes < reader.fileSize {
            let extra = reader.fileSize - byteCount - dataBytes
            throw DataError.corrupt(
                path: path, offset: byteCount + dataBytes,
                reason: "\(extra) bytes after the data the header announces")
        }
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }
}
