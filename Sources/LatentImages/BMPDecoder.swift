import CLeptonica

/// BMP through Leptonica, whose reader refuses a file shorter than the pixel rows its header declares.
enum BMPDecoder {
    static func decode(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(ImageError) -> DecodedImage {
        _ = quiet
        // Leptonica reads the whole file even when asked for its header, so the size is read here first.
        guard let size = declaredSize(bytes) else {
            throw .damaged(path: name, reason: "the file ends inside its header")
        }
        let (width, height) = size
        guard width > 0, height > 0 else {
            throw .damaged(path: name, reason: "the header declares \(width)x\(height) pixels")
        }
        guard width * height <= limits.maxPixels else {
            throw .tooManyPixels(path: name, width: width, height: height, limit: limits.maxPixels)
        }
        var picture = bytes.withUnsafeBufferPointer { pixReadMemBmp($0.baseAddress, $0.count) }
        defer { pixDestroy(&picture) }
        var converted = pixConvertTo32(picture)
        defer { pixDestroy(&converted) }
        guard let image = converted, let words = pixGetData(image) else {
            throw .damaged(
                path: name,
                reason: "Leptonica cannot read it: truncated, damaged, or compressed (run-length BMPs are not read)")
        }
        var (readWidth, readHeight, depth): (Int32, Int32, Int32) = (0, 0, 0)
        pixGetDimensions(image, &readWidth, &readHeight, &depth)
        // The loop below reads width x height words: Leptonica must have read the size the header declares.
        guard (Int(readWidth), Int(readHeight)) == (width, height) else {
            throw .damaged(
                path: name,
                reason: "Leptonica read \(readWidth)x\(readHeight) pixels where the header says \(width)x\(height)")
        }
        let wordsPerRow = Int(pixGetWpl(image))
        let (red, green, blue) = (latent_lept_red_shift(), latent_lept_green_shift(), latent_lept_blue_shift())
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { rgb in
            for y in 0..<height {
                let row = words + y * wordsPerRow
                for x in 0..<width {
                    let word = row[x]
                    rgb[(y * width + x) * 3] = UInt8(truncatingIfNeeded: word >> red)
                    rgb[(y * width + x) * 3 + 1] = UInt8(truncatingIfNeeded: word >> green)
                    rgb[(y * width + x) * 3 + 2] = UInt8(truncatingIfNeeded: word >> blue)
                }
            }
        }
        return DecodedImage(width: width, height: height, rgb: rgb)
    }

    /// Leptonica prints its errors on stderr unless told not to; the error thrown above says what went wrong.
    private static let quiet: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    /// Width and height from the header after the 14-byte file header: 16-bit in OS/2's 12-byte version, 32-bit in
    /// Windows' (a negative height there means rows stored top-down).
    private static func declaredSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        func little(_ offset: Int, _ count: Int) -> UInt32 {
            (0..<count).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
        }
        guard bytes.count >= 26 else { return nil }
        if little(14, 4) == 12 { return (Int(little(18, 2)), Int(little(20, 2))) }
        return (Int(Int32(bitPattern: little(18, 4))), abs(Int(Int32(bitPattern: little(22, 4)))))
    }
}
