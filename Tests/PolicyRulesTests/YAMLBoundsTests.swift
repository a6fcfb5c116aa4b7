// Issue 13, "Nothing crashes": YAML and file inputs that hung, blocked or gave unreadable
// messages are refused before parsing with one line `file:line [key]: problem; found '…'. Fix: …`.
import Foundation
import Testing
@testable import PolicyRules
import SpsimSupport
#if canImport(Glibc)
import Glibc
#endif

/// Whether every error is one line in the project's form.
func oneLine(_ errors: [InputError]) -> Bool {
    !errors.isEmpty && errors.allSatisfy { e in
        let text = e.description
        return !text.contains("\n") && text.contains(". Fix: ")
    }
}

@Suite("Input hardening: YAML and files")
struct YAMLFileTests {
    /// Nine levels of anchors, each referring to the previous twice, and the last used as a key.
    static let bomb: String = {
        var text = "title: bomb\ndescription: bomb\nreference: bomb\na0: &a0 [x, y]\n"
        for level in 1...9 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        return text + "? *a9\n: boom\n"
    }()

    @Test("an alias used as a mapping key is refused before parsing, quickly")
    func aliasKey() throws {
        let f = try ScenarioFixture()
        let start = Date()
        let found = f.problems(try f.write("bomb.yaml", Self.bomb))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(found.count == 1 && found.first?.line == 14 && oneLine(found))
        #expect(found.first?.problem == "an alias used as a mapping key is not allowed")
        let explicit = f.problems(try f.write("explicit.yaml", "title: t\n? [a, b]\n: c\n"))
        #expect(explicit.first?.line == 2 && explicit.first?.problem == "explicit mapping keys ('? ') are not allowed")
        let implicit = f.problems(try f.write("bomb2.yaml", Self.bomb.replacingOccurrences(of: "? *a9\n: boom\n", with: "*a9 : boom\n")))
        #expect(implicit.first.map { $0.description == "\($0.file):14: an alias used as a mapping key is not allowed; found '*a9'. Fix: write the key as plain text; anchors and aliases may be used only as values" } == true)
        let flowKey = f.problems(try f.write("bomb3.yaml", Self.bomb.replacingOccurrences(of: "? *a9\n: boom\n", with: "[*a9, *a9]: boom\n")))
        #expect(flowKey.first?.line == 14 && flowKey.first?.problem == "an alias inside a mapping key is not allowed")
        let document = f.problems(try f.write("bomb5.yaml", "--- {? *a : b}\n"))
        #expect(document.first?.line == 1 && document.first?.problem == "an alias used as a mapping key is not allowed")
        let flowMapping = f.problems(try f.write("bomb4.yaml", Self.bomb.replacingOccurrences(of: "? *a9\n: boom\n", with: "x: {*a9: boom}\n")))
        #expect(flowMapping.first?.problem == "an alias used as a mapping key is not allowed")
    }

    @Test("more than 100 aliases are refused with the line of the 101st")
    func tooManyAliases() throws {
        let f = try ScenarioFixture()
        var text = "title: t\ndescription: d\nreference: r\nx: &x 1\n"
        for i in 0..<101 { text += "k\(i): *x\n" }
        let found = f.problems(try f.write("aliases.yaml", text))
        #expect(found.count == 1 && found.first?.line == 105 && found.first?.problem == "more than 100 aliases (*name) in one file")
    }

    @Test("deep nesting is refused before the parser recurses")
    func deepNesting() throws {
        let f = try ScenarioFixture()
        let flow = f.problems(try f.write("deep.yaml", "title: " + String(repeating: "[", count: 100_000) + "\n"))
        #expect(flow.first?.problem == "the YAML is nested more than 64 levels deep" && flow.first?.line == 1)
        let dashes = f.problems(try f.write("dashes.yaml", "title: t\nx:\n" + String(repeating: "- ", count: 100_000) + "x\n"))
        #expect(dashes.first?.problem == "the YAML is nested more than 64 levels deep" && dashes.first?.line == 3)
    }

    @Test("anchors and aliases as values, and look-alikes in text, still load")
    func harmlessAliases() throws {
        let f = try ScenarioFixture()
        let text = f.baseText.replacingOccurrences(of: "reference: ", with: "reference: see *note* 5 * 3 | ? no > [x] & y, ")
        _ = try ScenarioLoader.load(try f.write("plain.yaml", text))
        let scenario = try f.write("anchored.yaml", """
            title: Test
            description: |
              A *block* scalar: with [x]: and ? marks
              *a: not a key
            reference: &ref tests
            baseline: base.yaml
            changes:
              household_transfer.amount:
                source: *ref
                values: {2025-07-01: &amount 5000}
              social_pension.amount: *amount
            """)
        let loaded = try ScenarioLoader.load(scenario)
        #expect(loaded.parameters["household_transfer.amount"]?.source == "tests")
        #expect(loaded.parameters["social_pension.amount"]?.values.first?.value == .number(5000))
    }

    @Test("a file over 1 MiB is refused without parsing it")
    func largeFile() throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.write("large.yaml", "title: t\n# " + String(repeating: "x", count: 1 << 20) + "\n"))
        #expect(found.count == 1 && found.first?.line == nil && found.first?.problem.hasPrefix("the file is larger than 1 MiB") == true && oneLine(found))
    }

    @Test("a control character is one line with its code point, line and column")
    func controlCharacter() throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.write("bell.yaml", "title: t\ndescription: a\u{07}b\nreference: r\n"))
        #expect(found.count == 1)
        #expect(found.first.map { $0.description == "\($0.file):2: the control character U+0007 is not allowed in a YAML file (column 15); found 'U+0007'. Fix: delete it (or retype the text around column 15 of line 2); only tabs and line breaks are allowed among control characters" } == true)
        #expect(found.first.map { !$0.description.unicodeScalars.contains("\u{07}") } == true)
    }

    @Test("a baseline that is a directory is named as such, at the line of baseline:")
    func baselineDirectory() throws {
        let f = try ScenarioFixture()
        try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let url = try f.write("scenario.yaml", "title: Test\ndescription: d\nreference: r\nbaseline: folder\n")
        let found = f.problems(url)
        #expect(found.count == 1 && found.first?.line == 4 && found.first?.column == "baseline" && oneLine(found))
        #expect(found.first?.problem.hasPrefix("the baseline is a directory, not a file") == true)
    }

    @Test("a scenario path that is a directory or a FIFO is refused without blocking")
    func specialFiles() throws {
        let f = try ScenarioFixture()
        let directory = f.problems(f.folder)
        #expect(directory.count == 1 && directory.first?.problem == "this is a directory, not a file" && oneLine(directory))
        #if canImport(Glibc)
        let fifo = f.folder.appendingPathComponent("pipe.yaml")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let start = Date()
        let piped = f.problems(fifo)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(piped.count == 1 && piped.first?.problem == "this is a named pipe (FIFO), not a file")
        #endif
        let device = f.problems(URL(fileURLWithPath: "/dev/null"))
        #expect(device.first?.problem == "this is a device, not a file")
    }

    @Test("--set values are bounded the same way")
    func setBounds() throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.scenario(), overrides: ["phases.extension.target.sector=[*a, *b]", "phases.extension.target.*a=1"])
        #expect(found.count == 2 && oneLine(found))
        #expect(found.contains { $0.problem == "an alias used as a mapping key is not allowed" })
    }
}
