import Foundation
import HTTPTypes
import Hummingbird
import SchedulingDomain
import SchedulingServices
import Testing
@testable import SchedulingWeb

/// One mapping from errors to HTTP: problem JSON, FHIR OperationOutcomes and page forms all take
/// their status from it and differ only in how they render.
@Suite("Error mapping")
struct ErrorMappingTests {
    static let cases: [(any Error, HTTPResponse.Status)] = [
        (ServiceError.invalid([ValidationIssue(path: "slotId", code: "field.required", message: "slotId is required.")]), .unprocessableContent),
        (ServiceError.notFound(entity: "Referral", id: "ref_1"), .notFound),
        (ServiceError.conflict(code: "slot.taken", message: "The slot is no longer free."), .conflict),
        (ServiceError.unauthenticated("Log in."), .unauthorized),
        (ServiceError.forbidden("Not for this role."), .forbidden),
        (MalformedRequest(path: "address.lines", message: "expected an array"), .badRequest),
        (FHIRError.invalid("status: only cancelled."), .unprocessableContent),
        (FHIRError.structure("Not an Appointment."), .badRequest),
        (HTTPError(.contentTooLarge), .contentTooLarge),
        (CocoaError(.fileReadUnknown), .internalServerError),
    ]

    @Test("every error has one status, and problem JSON, FHIR and page forms all answer with it")
    func oneStatus() {
        for (error, status) in Self.cases {
            let mapped = ErrorMapping.of(error)
            #expect(mapped.status == status, "\(error)")
            #expect(ProblemMapper.problem(for: error).status == status.code, "\(error)")
            #expect(FHIRController.outcome(for: error).0 == status, "\(error)")
            if let error = error as? ServiceError { #expect(PageRenderer.formProblem(error).status == status) }
            #expect(!mapped.messages.isEmpty && mapped.messages.allSatisfy { !$0.isEmpty })
        }
    }

    @Test("an internal error tells the user only to quote the request id, in every rendering")
    func internalError() {
        let error = CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: "/secret/patient-9990000018"])
        #expect(ProblemMapper.problem(for: error).detail == "Something went wrong on the server. Quote the request id to support.")
        let outcome = FHIRController.outcome(for: error).1
        #expect(!"\(outcome)".contains("9990000018"))
        #expect(ErrorMapping.of(error).kind == .internalError)
    }

    @Test("invalid input keeps every issue with its path; a conflict keeps its code")
    func issues() {
        let invalid = ServiceError.invalid([.init(path: "a", code: "x", message: "a is bad."), .init(path: "b", code: "y", message: "b is bad.")])
        #expect(ErrorMapping.of(invalid).issues.map(\.path) == ["a", "b"])
        #expect(ErrorMapping.of(invalid).messages == ["a is bad.", "b is bad."])
        let issues = FHIRController.outcome(for: invalid).1["issue"] as? [[String: Any]]
        #expect(issues?.compactMap { ($0["expression"] as? [String])?.first } == ["a", "b"])
        #expect(ErrorMapping.of(ServiceError.conflict(code: "slot.taken", message: "Taken.")).kind == .conflict(code: "slot.taken"))
    }
}
