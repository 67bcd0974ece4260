import Foundation
import LatentCore

/// Foundation's file and network errors print as `Error Domain=NSCocoaErrorDomain Code=4 "(null)" UserInfo=...`;
/// this turns them into the one-line `PATH: reason` every other error of Latent gives.
enum FoundationErrors {
    static func readable(_ error: Error) -> Error {
        let nsError = error as NSError
        guard [NSCocoaErrorDomain, NSURLErrorDomain, NSPOSIXErrorDomain].contains(nsError.domain) else { return error }
        let subject =
            nsError.userInfo[NSFilePathErrorKey] as? String
            ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
            ?? (nsError.userInfo[NSURLErrorFailingURLErrorKey] as? URL)?.absoluteString
        return LatentError("\(subject ?? "a file"): \(reason(nsError))")
    }

    private static func reason(_ error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileWriteFileExists: return "a file is in the way"
        case .fileWriteInvalidFileName: return "not a valid file name"
        case .fileReadCorruptFile, .fileReadUnknownStringEncoding, .fileReadInapplicableStringEncoding:
            return "not readable as text"
        default: return error.localizedDescription
        }
    }
}
