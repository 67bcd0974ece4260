import Glibc

/// Turns a crash inside libhdf5 while it reads a file into a one-line error naming that file.
///
/// Fuzzing found damaged files on which Debian's libhdf5 1.10 reads out of bounds and dies with SIGSEGV
/// (an attribute message or attribute table that lies about its size); no check before the read can see it.
/// While a file is open for reading, such a signal prints "PATH: a damaged HDF5 file" and exits with status 1.
/// Outside reads the signal takes its default action. Files are read from one thread, one at a time.
enum DamagedFileGuard {
    /// The message of the file being read, preformatted because a signal handler may not allocate.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    static func begin(reading path: String) {
        end()
        message = strdup("Error: \(path): a damaged HDF5 file (libhdf5 crashed while reading it)\n")
        guard !installed else { return }
        installed = true
        for signalNumber in [SIGSEGV, SIGBUS] {
            signal(signalNumber) { signalNumber in
                if let message = DamagedFileGuard.message {
                    _ = write(2, message, strlen(message))
                    _exit(1)
                }
                signal(signalNumber, SIG_DFL)
                raise(signalNumber)
            }
        }
    }

    static func end() {
        free(message)
        message = nil
    }
}
