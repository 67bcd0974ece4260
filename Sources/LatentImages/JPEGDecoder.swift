import CExif
import CTurboJPEG

/// JPEG through the TurboJPEG API, which returns errors instead of calling `exit()` as libjpeg's default
/// error handler does; the EXIF orientation comes from libexif.
enum JPEGDecoder {
    /// - Parameter minimumShortSide: when above 0, the image may be decoded at a reduced scale (libjpeg-turbo's
    ///   DCT scaling: 1/2, 1/4 or 1/8) as long as its short side keeps at least this many pixels.
    static func decode(
        _ bytes: [UInt8], name: String, limits: DecodeLimits,
        minimumShortSide: Int = 0
    ) throws(ImageError) -> DecodedImage {
        guard let handle = tjInitDecompress() else {
            throw .damaged(path: name, reason: "libjpeg-turbo cannot start a decompressor")
        }
        defer { tjDestroy(handle) }
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            let (source, size) = (buffer.baseAddress, UInt(buffer.count))
            var width: Int32 = 0
            var height: Int32 = 0
            var subsampling: Int32 = 0
            var colourSpace: Int32 = 0
            guard tjDecompressHeader3(handle, source, size, &width, &height, &subsampling, &colourSpace) == 0 else {
                return .failure(.damaged(path: name, reason: "libjpeg-turbo: \(message(handle))"))
            }
            guard width > 0, height > 0 else {
                return .failure(.damaged(path: name, reason: "the header declares \(width)x\(height) pixels"))
            }
            guard Int(width) * Int(height) <= limits.maxPixels else {
                return .failure(
                    .tooManyPixels(path: name, width: Int(width), height: Int(height), limit: limits.maxPixels))
            }
            let scale = reduction(width: Int(width), height: Int(height), minimumShortSide: minimumShortSide)
            (width, height) = (scale.scaled(width), scale.scaled(height))
            // CMYK cannot be converted to RGB by libjpeg-turbo; it is decoded as is and converted below.
            let cmyk = colourSpace == Int32(TJCS_CMYK.rawValue) || colourSpace == Int32(TJCS_YCCK.rawValue)
            let format = cmyk ? TJPF_CMYK : TJPF_RGB
            let channels = cmyk ? 4 : 3
            var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
            let status = pixels.withUnsafeMutableBufferPointer { target in
                tjDecompress2(handle, source, size, target.baseAddress, width, 0, height, Int32(format.rawValue), 0)
            }
            if status != 0 {
                let text = message(handle)
                // Warnings (a few stray bytes) still give a whole picture; a missing end means grey rows.
                if tjGetErrorCode(handle) != Int32(TJERR_WARNING.rawValue) || text.hasPrefix("Premature end") {
                    return .failure(.damaged(path: name, reason: "libjpeg-turbo: \(text)"))
                }
            }
            let rgb = cmyk ? rgbFromInvertedCMYK(pixels) : pixels
            return .success(DecodedImage(width: Int(width), height: Int(height), rgb: rgb))
        }
        let image = try result.get()
        let orientation = bytes.withUnsafeBufferPointer { buffer in
            latent_exif_orientation(buffer.baseAddress, UInt32(clamping: buffer.count))
        }
        return image.oriented(ExifOrientation(rawValue: Int(orientation)) ?? .upright)
    }

    /// The strongest reduction libjpeg-turbo offers that keeps the short side at `minimumShortSide` or more.
    ///
    /// Only 1/2, 1/4 and 1/8: those have fast reduced inverse DCTs (1/8 keeps each block's mean alone) and cut the
    /// work by 4 to 64 times. Factors such as 7/8 or 3/4 would save little on an image just above the minimum while
    /// changing its pixels, so an image with a short side under twice the minimum is decoded whole, as before.
    private static func reduction(width: Int, height: Int, minimumShortSide: Int) -> tjscalingfactor {
        let whole = tjscalingfactor(num: 1, denom: 1)
        var count: Int32 = 0
        guard minimumShortSide > 0, let factors = tjGetScalingFactors(&count) else { return whole }
        return UnsafeBufferPointer(start: factors, count: Int(count))
            .filter { $0.num == 1 && $0.denom > 1 && $0.scaled(Int32(min(width, height))) >= minimumShortSide }
            .max { $0.denom < $1.denom } ?? whole
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }

    /// Adobe's CMYK JPEGs store inverted ink (255 = none), so red is C * K / 255 in stored values.
    private static func rgbFromInvertedCMYK(_ cmyk: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: cmyk.count / 4 * 3)
        for pixel in 0..<(cmyk.count / 4) {
            let black = UInt32(cmyk[pixel * 4 + 3])
            for channel in 0..<3 {
                rgb[pixel * 3 + channel] = UInt8((UInt32(cmyk[pixel * 4 + channel]) * black + 127) / 255)
            }
        }
        return rgb
    }
}

extension tjscalingfactor {
    /// TJSCALED: a dimension after scaling, rounded up.
    func scaled(_ dimension: Int32) -> Int32 { (dimension * num + denom - 1) / denom }
}
