import CGIF

/// The first frame of a GIF through giflib, read record by record: an animation's later frames are never decoded,
/// so a file of many frames costs no more than its first.
enum GIFDecoder {
    static func decode(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(ImageError) -> DecodedImage {
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            var source = latent_gif_source(bytes: buffer.baseAddress, size: buffer.count, offset: 0)
            // giflib keeps the pointer to `source` while the file is open: one pointer for the whole decode.
            return withUnsafeMutablePointer(to: &source) { source in
                var error: Int32 = 0
                guard let gif = latent_gif_open(source, &error) else {
                    return .failure(.damaged(path: name, reason: "giflib: \(message(error))"))
                }
                defer { DGifCloseFile(gif, &error) }
                return firstFrame(of: gif, name: name, limits: limits)
            }
        }
        return try result.get()
    }

    /// The logical screen with the first frame drawn on it; what the frame leaves uncovered or transparent is white,
    /// as transparency is for the other formats.
    private static func firstFrame(
        of gif: UnsafeMutablePointer<GifFileType>, name: String, limits: DecodeLimits
    ) -> Result<DecodedImage, ImageError> {
        let (width, height) = (Int(gif.pointee.SWidth), Int(gif.pointee.SHeight))
        guard width > 0, height > 0 else {
            return .failure(.damaged(path: name, reason: "the header declares \(width)x\(height) pixels"))
        }
        guard width * height <= limits.maxPixels else {
            return .failure(.tooManyPixels(path: name, width: width, height: height, limit: limits.maxPixels))
        }
        var transparentIndex = Int(NO_TRANSPARENT_COLOR)
        var record = UNDEFINED_RECORD_TYPE
        while DGifGetRecordType(gif, &record) == GIF_OK {
            switch record {
            case EXTENSION_RECORD_TYPE:
                var code: Int32 = 0
                var block: UnsafeMutablePointer<GifByteType>?
                guard DGifGetExtension(gif, &code, &block) == GIF_OK else { break }
                var control = GraphicsControlBlock()
                if code == GRAPHICS_EXT_FUNC_CODE, let block,
                    DGifExtensionToGCB(Int(block[0]), block + 1, &control) == GIF_OK
                {
                    transparentIndex = Int(control.TransparentColor)
                }
                while block != nil, DGifGetExtensionNext(gif, &block) == GIF_OK {}
            case IMAGE_DESC_RECORD_TYPE:
                guard DGifGetImageDesc(gif) == GIF_OK else { break }
                return frame(
                    of: gif, width: width, height: height, transparentIndex: transparentIndex, name: name,
                    limits: limits)
            case TERMINATE_RECORD_TYPE:
                return .failure(.damaged(path: name, reason: "the file ends without a picture"))
            default:
                break
            }
            if gif.pointee.Error != 0 { break }
        }
        return .failure(.damaged(path: name, reason: "giflib: \(message(gif.pointee.Error))"))
    }

    /// Decodes the frame whose descriptor was just read onto a white screen of `width` x `height`.
    private static func frame(
        of gif: UnsafeMutablePointer<GifFileType>, width: Int, height: Int, transparentIndex: Int, name: String,
        limits: DecodeLimits
    ) -> Result<DecodedImage, ImageError> {
        let descriptor = gif.pointee.Image
        let (frameWidth, frameHeight) = (Int(descriptor.Width), Int(descriptor.Height))
        // Every row of a frame is decoded, also the part past a small screen: a 65535x65535 frame is refused here.
        guard frameWidth * frameHeight <= limits.maxPixels else {
            return .failure(
                .tooManyPixels(path: name, width: frameWidth, height: frameHeight, limit: limits.maxPixels))
        }
        guard let palette = descriptor.ColorMap ?? gif.pointee.SColorMap, let colours = palette.pointee.Colors else {
            return .failure(.damaged(path: name, reason: "the first frame has no colour table"))
        }
        let colourCount = Int(palette.pointee.ColorCount)
        let (left, top) = (Int(descriptor.Left), Int(descriptor.Top))
        var rgb = [UInt8](repeating: 255, count: width * height * 3)
        var line = [GifPixelType](repeating: 0, count: max(frameWidth, 1))
        // Interlaced frames store rows in four passes: every 8th from 0, every 8th from 4, every 4th from 2, odd rows.
        let passes = descriptor.Interlace ? [(0, 8), (4, 8), (2, 4), (1, 2)] : [(0, 1)]
        for (first, step) in passes {
            for row in stride(from: first, to: frameHeight, by: step) {
                guard DGifGetLine(gif, &line, Int32(frameWidth)) == GIF_OK else {
                    return .failure(.damaged(path: name, reason: "giflib: \(message(gif.pointee.Error))"))
                }
                let y = top + row
                guard y < height else { continue }  // A frame may reach past the screen; that part is not shown.
                rgb.withUnsafeMutableBufferPointer { rgb in
                    line.withUnsafeBufferPointer { line in
                        for column in 0..<max(0, min(frameWidth, width - left)) {
                            let index = Int(line[column])
                            guard index != transparentIndex, index < colourCount else { continue }
                            let target = (y * width + left + column) * 3
                            rgb[target] = colours[index].Red
                            rgb[target + 1] = colours[index].Green
                            rgb[target + 2] = colours[index].Blue
                        }
                    }
                }
            }
        }
        return .success(DecodedImage(width: width, height: height, rgb: rgb))
    }

    private static func message(_ code: Int32) -> String {
        // giflib's own words for this one, "Failed to read from given file", do not say the file is too short.
        if code == D_GIF_ERR_READ_FAILED { return "the file ends before the picture does (truncated)" }
        guard let text = GifErrorString(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
