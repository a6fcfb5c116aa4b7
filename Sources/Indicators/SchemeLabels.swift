import Foundation
import PolicyRules

/// Plain-language names of the groups of the `scheme` breakdown, for tables and charts
/// downstream of the indicators (the reports): each registered scheme's label, and the
/// two budget lines that are not schemes.
public enum SchemeLabels {
    public static func label(_ code: String) -> String? {
        switch code {
        case "contribution_subsidy": return "Contribution subsidy"
        case "admin": return "Administration"
        default: return SchemeRegistry.declaration(code)?.label
        }
    }
}

extension SchemeLabels {
    /// A scheme as reports show it: its code, label and first beneficiary count.
    public struct BudgetScheme: Sendable {
        public var code: String
        public var label: String
        public var beneficiaryIndicator: String?
        public var beneficiaryLabel: String?
        /// Paid per household (its first beneficiary count is households).
        public var perHousehold: Bool
    }

    /// Every tax-financed scheme of the registry, in registry order.
    public static var budgetSchemes: [BudgetScheme] { schemes(paidBy: .budget) }

    /// Every scheme paid from social-insurance contributions, in registry order.
    public static var socialInsuranceSchemes: [BudgetScheme] { schemes(paidBy: .socialInsurance) }

    static func schemes(paidBy payer: Payer) -> [BudgetScheme] {
        SchemeRegistry.declarations.filter { $0.payer == payer }.map {
            BudgetScheme(code: $0.name, label: $0.label, beneficiaryIndicator: $0.beneficiaries.first?.indicator,
                         beneficiaryLabel: $0.beneficiaries.first?.label.trimmingCharacters(in: .whitespaces),
                         perHousehold: $0.beneficiaries.first?.count == .households)
        }
    }
}
