import Foundation
import Testing
@testable import PopulationData

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-population-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` (as raw bytes) to a file in a fresh folder and returns its URL.
func csvFile(_ bytes: [UInt8], name: String = "people.csv") throws -> URL {
    let url = try temporaryFolder().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

func csvFile(_ text: String, name: String = "people.csv") throws -> URL {
    try csvFile(Array(text.utf8), name: name)
}

/// Every column of two populations, compared exactly; returns the names of columns that differ.
func differingColumns(_ a: Population, _ b: Population) -> [String] {
    var differ: [String] = []
    if a.householdID != b.householdID { differ.append("householdID") }
    if a.householdWeight != b.householdWeight { differ.append("householdWeight") }
    if a.pmtScore != b.pmtScore { differ.append("pmtScore") }
    if a.firstPerson != b.firstPerson { differ.append("firstPerson") }
    if a.householdDraw != b.householdDraw { differ.append("householdDraw") }
    if a.personID != b.personID { differ.append("personID") }
    if a.age != b.age { differ.append("age") }
    if a.sex != b.sex { differ.append("sex") }
    if a.province != b.province { differ.append("province") }
    if a.urban != b.urban { differ.append("urban") }
    if a.labourStatus != b.labourStatus { differ.append("labourStatus") }
    if a.sector != b.sector { differ.append("sector") }
    if a.formal != b.formal { differ.append("formal") }
    if a.workerGroup != b.workerGroup { differ.append("workerGroup") }
    if a.monthlyEarnings != b.monthlyEarnings { differ.append("monthlyEarnings") }
    if a.selfEmploymentIncome != b.selfEmploymentIncome { differ.append("selfEmploymentIncome") }
    if a.remittanceIncome != b.remittanceIncome { differ.append("remittanceIncome") }
    if a.propertyIncome != b.propertyIncome { differ.append("propertyIncome") }
    if a.transferIncome != b.transferIncome { differ.append("transferIncome") }
    if a.consumption != b.consumption { differ.append("consumption") }
    if a.contributoryYears != b.contributoryYears { differ.append("contributoryYears") }
    if a.disabled != b.disabled { differ.append("disabled") }
    if a.schoolLevel != b.schoolLevel { differ.append("schoolLevel") }
    if a.birthInYear != b.birthInYear { differ.append("birthInYear") }
    if a.publicSector != b.publicSector { differ.append("publicSector") }
    if a.pensionInPayment != b.pensionInPayment { differ.append("pensionInPayment") }
    if a.takeUpDraw != b.takeUpDraw { differ.append("takeUpDraw") }
    if a.complianceDraw != b.complianceDraw { differ.append("complianceDraw") }
    if a.transitionDraw != b.transitionDraw { differ.append("transitionDraw") }
    if a.benefitDraw != b.benefitDraw { differ.append("benefitDraw") }
    return differ
}

let validHeader = "household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled"
