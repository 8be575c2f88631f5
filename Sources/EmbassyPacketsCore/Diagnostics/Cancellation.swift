import Synchronization

/// A run asked to stop (Ctrl-C): long loops look at it and end with an error, so that the
/// output folder is left as it was instead of half-written.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    /// Asks every running stage to stop. Safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// True once a stop was asked for.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws when a stop was asked for.
    public static func check() throws {
        if isRequested { throw PipelineError(stage: .render, message: "interrupted: the previous output is left as it was") }
    }
}
