/// An approval says who and when (DB048, a warning): `approved` needs `approved_by`, and a final
/// post-mortem with `approved_by` needs its `approved` day. Where the severity has a publishing
/// deadline, a final post-mortem without `approved` is DB069 instead (`FinalWithoutApprovedDayRule`).
struct ApprovalRecordRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            let approvers = pm.approvedBy.filter { !$0.isEmpty }
            if pm.approved != nil && approvers.isEmpty {
                bag.warning(.incompleteApproval, at: pm.location(of: "approved"),
                            "'approved' gives a day but 'approved_by' names no one; write who approved it (approved_by: [lena])")
            } else if pm.approved == nil && !approvers.isEmpty && pm.status == .final
                        && !FinalWithoutApprovedDayRule.applies(to: pm, config: base.config) {
                bag.warning(.incompleteApproval, at: pm.location(of: "approved_by"),
                            "'approved_by' names who approved it but 'approved' gives no day; add approved: YYYY-MM-DD")
            }
        }
    }
}
