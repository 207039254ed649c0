import SchedulingDomain
import SchedulingServices

extension OpenAPIDocument {
    /// The JSON schemas of the outpatient routes.
    static var outpatientSchemas: [String: Any] { [
        "ReferralCSV": ["type": "string", "description": "CSV text: a header row, then one referral a row."],
        "ReferralImportResult": object(["created": ["type": "integer"], "referralIDs": ["type": "array", "items": string]], required: ["created", "referralIDs"]),
        "BookingForm": object(["_csrf": string, "slotId": string, "channel": string, "interpreterLanguage": string, "needsTransport": string, "shortNoticeAgreed": string],
                              required: ["_csrf", "slotId"]),
        "SlotBookingForm": object(["_csrf": string, "referralId": string, "channel": string, "interpreterLanguage": string, "needsTransport": string,
                                   "shortNoticeAgreed": string], required: ["_csrf", "referralId"]),
        "ChangeForm": object(["_csrf": string, "slotId": string, "initiatedBy": ["type": "string", "enum": ["patient", "hospital"]], "channel": string],
                             required: ["_csrf", "slotId", "initiatedBy"]),
        "CancellationForm": object(["_csrf": string, "initiatedBy": ["type": "string", "enum": ["patient", "hospital"]], "reason": string],
                                   required: ["_csrf", "initiatedBy", "reason"]),
        "AllocationForm": object(["_csrf": string, "action": ["type": "string", "enum": ["preview", "commit"]], "specialtyId": string, "through": string,
                                  "minimumNoticeDays": string, "planId": string], required: ["_csrf"]),
        "StrikeForm": object(["_csrf": string, "action": ["type": "string", "enum": ["preview", "commit"]], "clinicianIds[]": ["type": "array", "items": string],
                              "from": string, "through": string, "reason": string, "rebook": string, "minimumNoticeDays": string, "rebookThrough": string,
                              "moveBooked": string], required: ["_csrf", "clinicianIds[]", "from", "through", "reason"]),
        "ClinicTemplateInput": object([
            "clinicianID": text(100), "locationID": text(100), "weekday": ["type": "integer", "minimum": 1, "maximum": 7], "start": timeOfDay,
            "slots": ["type": "array", "minItems": 1, "items": object(["minutes": ["type": "integer", "minimum": 5, "maximum": 480], "type": slotType, "published": ["type": "boolean"]],
                                                        required: ["minutes"])],
            "everyWeeks": ["type": "integer", "minimum": 1, "maximum": 8], "effectiveFrom": date, "effectiveTo": date,
        ], required: ["clinicianID", "locationID", "weekday", "start", "slots", "effectiveFrom"]),
        "ClinicTemplate": object([
            "id": string, "clinicianID": string, "specialtyID": string, "locationID": string, "weekday": ["type": "integer"], "start": string,
            "slots": ["type": "array", "items": object(["minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"]],
                                                        required: ["minutes", "type", "published"])],
            "everyWeeks": ["type": "integer"], "effectiveFrom": date, "effectiveTo": date,
        ], required: ["id", "clinicianID", "specialtyID", "locationID", "weekday", "start", "slots", "everyWeeks", "effectiveFrom"]),
        "SlotGeneration": object(["days": ["type": "integer", "minimum": 1, "maximum": 730]]),
        "SlotGenerationResult": object(["added": ["type": "integer"]], required: ["added"]),
        "Slot": object([
            "id": string, "templateID": nullableString, "clinicianID": string, "specialtyID": string, "locationID": string, "date": date,
            "start": string, "minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"],
            "status": ["type": "string", "enum": Slot.Status.allCases.map(\.rawValue)],
        ], required: ["id", "clinicianID", "specialtyID", "locationID", "date", "start", "minutes", "type", "published", "status"]),
        "SlotList": array("Slot"),
        "BookingInput": object([
            "referralID": text(100), "slotID": text(200), "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)],
            "interpreterLanguage": string, "needsTransport": ["type": "boolean"],
            "shortNoticeAgreed": ["type": "boolean", "description": "The patient agreed to a slot less than three weeks away (required true for a routine referral's slot inside that window)."],
        ], required: ["referralID", "slotID"]),
        "Appointment": object([
            "id": string, "reference": ["type": "string", "pattern": "^[A-Z2-9]{4}-[A-Z2-9]{4}$"], "referralID": string, "patientID": string, "slotID": string,
            "status": ["type": "string", "enum": Appointment.Status.allCases.map(\.rawValue)],
            "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)], "bookedBy": string, "bookedAt": dateTime,
            "interpreterLanguage": nullableString, "needsTransport": ["type": "boolean"], "replacesID": nullableString,
            "cancellation": object(["reason": ["type": "string", "enum": Appointment.CancellationReason.allCases.map(\.rawValue)], "at": dateTime,
                                    "by": string], required: ["reason", "at", "by"]),
            "outcomeRecordedAt": dateTime, "shortNoticeAgreed": ["type": "boolean"],
        ], required: ["id", "reference", "referralID", "patientID", "slotID", "status", "channel", "bookedBy", "bookedAt", "needsTransport"]),
        "CancellationInput": object(["initiatedBy": ["type": "string", "enum": Appointment.Initiator.allCases.map(\.rawValue)], "reason": ["type": "string", "enum": Appointment.CancellationReason.allCases.map(\.rawValue)]],
                                    required: ["initiatedBy", "reason"]),
        "ChangeInput": object(["slotID": text(200), "initiatedBy": ["type": "string", "enum": Appointment.Initiator.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)]],
                              required: ["slotID", "initiatedBy"]),
        "OutcomeInput": object(["outcome": ["type": "string", "enum": Appointment.Outcome.allCases.map(\.rawValue)]], required: ["outcome"]),
        "AppointmentDetails": object(["appointment": ref("Appointment"), "slot": ref("Slot"), "journeyRequest": ref("JourneyRequest"),
                                      "accessDecision": ref("AccessDecision")], required: ["appointment", "slot"]),
        "AppointmentDetailsList": array("AppointmentDetails"),
        "JourneyRequest": object([
            "id": string, "appointmentID": string, "patientID": string, "locationID": string, "date": date, "arriveBy": string, "returnAfter": string,
            "status": ["type": "string", "enum": JourneyRequest.Status.allCases.map(\.rawValue)], "createdAt": dateTime, "cancelledAt": dateTime,
        ], required: ["id", "appointmentID", "patientID", "locationID", "date", "arriveBy", "returnAfter", "status", "createdAt"]),
        "JourneyRequestList": array("JourneyRequest"),
        "AccessPolicy": object([
            "nullifyClockOnFirstDNA": ["type": "boolean"], "dischargeAfterDNAs": ["type": "integer", "minimum": 1, "maximum": 5],
            "clinicalReviewUnderAge": ["type": ["integer", "null"]],
            "clinicalReviewPriorities": ["type": "array", "items": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)]],
        ], required: ["nullifyClockOnFirstDNA", "dischargeAfterDNAs", "clinicalReviewPriorities"]),
        "AccessDecision": object([
            "id": string, "referralID": string, "appointmentID": string, "dnaCount": ["type": "integer"],
            "proposal": ["type": "string", "enum": AccessDecision.Action.allCases.map(\.rawValue)], "clockNullified": ["type": "boolean"], "createdAt": dateTime,
            "resolution": object(["action": ["type": "string", "enum": AccessDecision.Action.allCases.map(\.rawValue)], "overridden": ["type": "boolean"], "note": string, "by": string,
                                  "at": dateTime], required: ["action", "overridden", "by", "at"]),
        ], required: ["id", "referralID", "appointmentID", "dnaCount", "proposal", "clockNullified", "createdAt"]),
        "PendingDecisionList": ["type": "array", "items": object(["decision": ref("AccessDecision"), "referral": ref("Referral")],
                                                                 required: ["decision", "referral"])],
        "ResolutionInput": object(["action": ["type": "string", "enum": ["rebook", "discharge"]], "note": string], required: ["action"]),
        "AutoAllocationInput": object([
            "specialtyIDs": ["type": "array", "items": string], "from": date, "through": date,
            "minimumNoticeDays": ["type": "integer", "minimum": 0, "maximum": 90], "commit": ["type": "boolean"], "planID": string,
        ]),
        "ProposedBooking": object([
            "referralID": string, "patientID": string, "specialtyID": string, "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)],
            "dueBy": date, "slotID": string, "clinicianID": string, "locationID": string, "date": date, "start": string, "slotType": slotType,
            "afterDue": ["type": "boolean"], "appointmentID": string,
        ], required: ["referralID", "patientID", "specialtyID", "priority", "dueBy", "slotID", "clinicianID", "locationID", "date", "start", "slotType",
                      "afterDue"]),
        "UnplacedReferral": object([
            "referralID": string, "patientID": string, "specialtyID": string, "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)],
            "dueBy": date, "reason": ["type": "string", "enum": UnplacedReferral.Reason.allCases.map(\.rawValue)], "detail": string,
        ], required: ["referralID", "patientID", "specialtyID", "priority", "dueBy", "reason", "detail"]),
        "AllocationPlan": object([
            "committed": ["type": "boolean"], "planID": string, "from": date, "through": date, "waiting": ["type": "integer"],
            "freeSlots": ["type": "integer"], "proposals": array("ProposedBooking"), "placedAfterDue": ["type": "integer"],
            "unplaced": array("UnplacedReferral"),
        ], required: ["committed", "planID", "from", "through", "waiting", "freeSlots", "proposals", "placedAfterDue", "unplaced"]),
        "WaitingListShape": object(["counts": ["type": "array", "items": ["type": "integer"]], "cap": ["type": "integer"]], required: ["counts", "cap"]),
        "WaitingListReport": object([
            "asOf": date, "specialtyID": string, "waiting": ["type": "integer"], "breached": ["type": "integer"], "withinStandard": ["type": "number"],
            "shape": ref("WaitingListShape"),
            "bySpecialty": ["type": "array", "items": object([
                "specialtyID": string, "name": string, "waiting": ["type": "integer"], "breached": ["type": "integer"],
                "withinStandard": ["type": "number"], "longestWeeks": ["type": "integer"],
            ], required: ["specialtyID", "name", "waiting", "breached", "withinStandard", "longestWeeks"])],
            "utilisation": object(["from": date, "through": date, "slots": ["type": "integer"], "booked": ["type": "integer"], "rate": ["type": "number"],
                                   "cancelled": ["type": "integer"]], required: ["from", "through", "slots", "booked", "rate", "cancelled"]),
            "attendance": object(["from": date, "through": date, "attended": ["type": "integer"], "dna": ["type": "integer"],
                                  "unrecorded": ["type": "integer"], "dnaRate": ["type": "number"]],
                                 required: ["from", "through", "attended", "dna", "unrecorded", "dnaRate"]),
        ], required: ["asOf", "waiting", "breached", "withinStandard", "shape", "bySpecialty", "utilisation", "attendance"]),
        "BacklogProjection": object([
            "assumptions": object(["capacityPerWeek": ["type": "integer"], "extraPerWeek": ["type": "integer"], "referralsPerWeek": ["type": "integer"],
                                   "urgentShare": ["type": "number"], "weeks": ["type": "integer"]],
                                  required: ["capacityPerWeek", "extraPerWeek", "referralsPerWeek", "urgentShare", "weeks"]),
            "startWaiting": ["type": "integer"], "startOver18Weeks": ["type": "integer"], "weeksToClear": ["type": "integer"],
            "weeksTo92Percent": ["type": "integer"],
            "series": ["type": "array", "items": object([
                "week": ["type": "integer"], "starting": date, "waiting": ["type": "integer"], "over18Weeks": ["type": "integer"],
                "withinStandard": ["type": "number"], "seen": ["type": "integer"],
            ], required: ["week", "starting", "waiting", "over18Weeks", "withinStandard", "seen"])],
        ], required: ["assumptions", "startWaiting", "startOver18Weeks", "series"]),
        "SessionCancellationInput": object([
            "clinicianIDs": ["type": "array", "items": string, "minItems": 1], "from": date, "through": date, "templateID": string,
            "reason": ["type": "string", "enum": ["clinician-unavailable", "clinic-cancelled", "industrial-action"]], "commit": ["type": "boolean"],
            "rebook": ref("RebookingInput"),
        ], required: ["clinicianIDs", "from", "reason"]),
        "RebookingInput": object([
            "minimumNoticeDays": ["type": "integer", "minimum": 0, "maximum": 60], "through": date,
            "moveBooked": ["type": "string", "enum": MoveBookedPolicy.allCases.map(\.rawValue)],
            "extraSessions": ["type": "array", "items": object([
                "clinicianID": text(100), "locationID": text(100), "date": date, "start": timeOfDay,
                "slots": ["type": "array", "items": object(["minutes": ["type": "integer", "minimum": 5, "maximum": 480], "type": slotType, "published": ["type": "boolean"]]), "minItems": 1],
            ], required: ["clinicianID", "locationID", "date", "start", "slots"])],
        ]),
        "RebookingPlan": object([
            "from": date, "through": date, "extraSlots": ["type": "integer"], "bumped": ["type": "integer"],
            "moveBooked": ["type": "string", "enum": MoveBookedPolicy.allCases.map(\.rawValue)],
            "moves": ["type": "array", "items": object([
                "appointmentID": string, "referralID": string, "patientID": string, "specialtyID": string,
                "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "dueBy": date, "fromSlotID": string, "fromDate": date,
                "toSlotID": string, "toDate": date, "toStart": string, "afterDue": ["type": "boolean"], "bumped": ["type": "boolean"],
                "newAppointmentID": string,
            ], required: ["appointmentID", "referralID", "patientID", "specialtyID", "priority", "dueBy", "fromSlotID", "fromDate", "afterDue", "bumped"])],
            "unplaced": array("UnplacedReferral"),
        ], required: ["from", "through", "extraSlots", "moveBooked", "moves", "unplaced", "bumped"]),
        "SessionCancellation": object([
            "committed": ["type": "boolean"], "slotsCancelled": ["type": "integer"], "shortfall": ["type": "integer"],
            "affected": array("AffectedBooking"),
            "rebooking": ref("RebookingPlan"),
        ], required: ["committed", "slotsCancelled", "affected", "shortfall"]),
        "PathwayNoteInput": object(["text": ["type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S"]], required: ["text"]),
        "PathwayNoteForm": object(["_csrf": string, "text": string], required: ["_csrf", "text"]),
        "PathwayNote": object([
            "id": string, "referralID": string, "text": string, "authorID": string, "authorName": string, "writtenAt": dateTime,
        ], required: ["id", "referralID", "text", "authorID", "authorName", "writtenAt"]),
        "PathwayNoteList": ["type": "array", "items": ["$ref": "#/components/schemas/PathwayNote"]],
        "OfferRecordInput": object([
            "slotIDs": ["type": "array", "items": text(200), "minItems": 2, "maxItems": 10, "uniqueItems": true],
            "channel": ["type": "string", "enum": OfferRecord.Channel.allCases.map(\.rawValue)],
        ], required: ["slotIDs"]),
        "OfferOutcome": object(["outcome": ["type": "string", "enum": ["accepted", "declined"]]], required: ["outcome"]),
        "OfferRecord": object([
            "id": string, "referralID": string, "slotIDs": ["type": "array", "items": string], "dates": ["type": "array", "items": date],
            "channel": ["type": "string", "enum": OfferRecord.Channel.allCases.map(\.rawValue)], "offeredOn": date, "offeredBy": string, "offeredAt": dateTime,
            "outcome": ["type": "string", "enum": OfferRecord.Outcome.allCases.map(\.rawValue)], "outcomeAt": dateTime, "reasonable": ["type": "boolean"],
        ], required: ["id", "referralID", "slotIDs", "dates", "channel", "offeredOn", "offeredBy", "offeredAt", "outcome", "reasonable"]),
        "OfferRecordList": ["type": "array", "items": ["$ref": "#/components/schemas/OfferRecord"]],
        "ClinicClosureInput": object([
            "date": date, "name": text(100), "commit": ["type": "boolean"], "rebook": ref("RebookingInput"),
        ], required: ["date", "name"]),
        "ClinicClosureOutcome": object([
            "date": date, "name": string, "committed": ["type": "boolean"], "cancellation": ref("SessionCancellation"),
        ], required: ["date", "name", "committed", "cancellation"]),
        "ClosedDayList": ["type": "array", "items": object([
            "date": date, "name": string, "kind": ["type": "string", "enum": ["bank-holiday", "trust"]],
        ], required: ["date", "name", "kind"])],
        "AffectedBooking": object([
            "appointmentID": string, "referralID": string, "patientID": string, "specialtyID": string,
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "dueBy": date, "slotID": string, "date": date,
            "start": string, "capacityBeforeDue": ["type": "boolean"], "needsTransport": ["type": "boolean"], "interpreterLanguage": string,
        ], required: ["appointmentID", "referralID", "patientID", "specialtyID", "priority", "dueBy", "slotID", "date", "start", "capacityBeforeDue", "needsTransport"]),
        "TemplateChangeInput": object([
            "effectiveTo": date, "slotCount": ["type": "integer", "minimum": 1],
            "reason": ["type": "string", "enum": SessionCancellationService.reasons.map(\.rawValue)], "commit": ["type": "boolean"],
        ]),
        "TemplateChange": object([
            "committed": ["type": "boolean"], "template": ref("ClinicTemplate"), "slotsCancelled": ["type": "integer"],
            "affected": array("AffectedBooking"), "shortfall": ["type": "integer"],
        ], required: ["committed", "template", "slotsCancelled", "affected", "shortfall"]),
        "ReferralInput": object([
            "patientID": text(100), "specialtyID": text(100), "referrer": text(100),
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date,
            "consultantLed": ["type": "boolean"],
            "availableWeekdays": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 7]], "availableFrom": optionalDate,
        ], required: ["patientID", "specialtyID", "referrer", "priority", "received"]),
        "AvailabilityInput": object([
            "availableWeekdays": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 7]], "availableFrom": optionalDate,
        ], required: []),
        "ReferralRemoval": object(["reason": ["type": "string", "enum": Referral.RemovalReason.allCases.map(\.rawValue)]], required: ["reason"]),
        "RTTClock": object([
            "start": date, "status": ["type": "string", "enum": RTTClock.Status.allCases.map(\.rawValue)], "endedOn": date,
            "stopReason": ["type": "string", "enum": RTTClock.StopReason.allCases.map(\.rawValue)], "restarts": ["type": "integer"],
        ], required: ["start", "status", "restarts"]),
        "Referral": object([
            "id": string, "patientID": string, "specialtyID": string, "referrer": string,
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date,
            "consultantLed": ["type": "boolean"], "clock": ref("RTTClock"),
            "status": ["type": "string", "enum": Referral.Status.allCases.map(\.rawValue)],
            "removal": object(["reason": ["type": "string", "enum": Referral.RemovalReason.allCases.map(\.rawValue)], "date": date],
                              required: ["reason", "date"]),
            "availability": object(["weekdays": ["type": "array", "items": ["type": "integer"]], "from": date], required: ["weekdays"]),
        ], required: ["id", "patientID", "specialtyID", "referrer", "priority", "received", "consultantLed", "clock", "status", "availability"]),
        "ReferralView": object([
            "referral": ref("Referral"), "breachDate": date, "dueBy": date, "weeksWaited": ["type": "integer"],
            "cancerSeenBy": date, "fasterDiagnosisBy": date,
        ], required: ["referral", "breachDate", "dueBy", "weeksWaited"]),
        "TrackingList": object([
            "asOf": date, "count": ["type": "integer"], "withinStandard": ["type": "number"],
            "entries": ["type": "array", "items": object([
                "referralID": string, "patientID": string, "specialtyID": string,
                "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date, "clockStart": date,
                "weeksWaited": ["type": "integer"], "daysWaited": ["type": "integer"], "breachDate": date, "dueBy": date,
                "breached": ["type": "boolean"], "seenOn": date,
            ], required: ["referralID", "patientID", "specialtyID", "priority", "received", "clockStart", "weeksWaited", "daysWaited",
                          "breachDate", "dueBy", "breached"])],
        ], required: ["asOf", "count", "withinStandard", "entries"]),
    ] }
}
