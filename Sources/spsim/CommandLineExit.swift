import ArgumentParser
import Foundation

/// spsim's one exit-status policy (documented in the README, "Exit status"):
///
/// | status | meaning |
/// | --- | --- |
/// | 0 | success (including `--help` and `--version`) |
/// | 1 | bad input: a file or value given to the command is missing, unreadable or wrong (scenario problems, `--set` overrides, malformed CSV, a population off its targets under `validate --strict`) |
/// | 2 | bad usage: the command line itself is wrong (unknown option or subcommand, missing argument, an option value that does not parse or is out of range) |
///
/// Usage errors are everything ArgumentParser reports while parsing and validating the
/// command line (its `validate()` checks included), before any work starts; input errors
/// are everything a command throws while it runs. Commands therefore only throw: they
/// never choose a status or print an error themselves.
enum CommandLineExit {
    static let success: Int32 = 0
    static let badInput: Int32 = 1
    static let badUsage: Int32 = 2

    /// Parses `arguments`, runs the chosen command, prints any error and returns the status.
    static func run(_ root: any ParsableCommand.Type, arguments: [String]) async -> Int32 {
        var command: any ParsableCommand
        do {
            command = try root.parseAsRoot(arguments)
        } catch {
            // Help and version requests are clean exits: their text goes to standard output.
            if root.exitCode(for: error) == .success {
                print(root.fullMessage(for: error))
                return success
            }
            printError(root.fullMessage(for: error))
            return badUsage
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return success
        } catch let exit as ExitCode {
            // A command that has already said what went wrong (e.g. `validate --strict`).
            return exit.isSuccess ? success : badInput
        } catch {
            if root.exitCode(for: error) == .success {
                // A root command without a subcommand prints its help.
                print(root.fullMessage(for: error))
                return success
            }
            printError("Error: \(message(for: error))")
            return badInput
        }
    }

    /// The one-line (or, for several scenario problems, one-per-line) text of an error.
    static func message(for error: any Error) -> String {
        String(describing: error)
    }

    static func printError(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

/// A problem with a command's input, already phrased for the user (what, where, the fix);
/// `CommandLineExit` prints it after "Error: " and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
