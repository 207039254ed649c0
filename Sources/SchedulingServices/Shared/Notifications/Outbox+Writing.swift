import Foundation
import SchedulingDomain

/// Writing a queued message: its template rendered with the records it is about, as they are now.
extension Outbox {
    /// `message` with its subject and body written from its template and today's records (the
    /// appointment, its slot and the one it replaced; the pathway; the patient; the clinic). A
    /// message already written is returned as it is.
    func written(_ message: OutboxMessage) async throws -> OutboxMessage {
        guard !message.isWritten else { return message }
        var values: [String: Any]
        switch message.kind {
        case .confirmation, .reminder, .dnaRebook, .change, .cancellation:
            guard let id = message.appointmentID, let appointment = try await session.appointments.find(id: id) else {
                throw ServiceError.notFound(entity: "Appointment", id: message.appointmentID?.rawValue ?? "")
            }
            let slot = try await slot(appointment.slotID)
            values = try await context(appointment: appointment, slot: slot)
            if message.kind == .change, let previousID = appointment.replacesID, let previous = try await session.appointments.find(id: previousID) {
                let oldSlot = try await self.slot(previous.slotID)
                values["previous"] = ["date": LetterText.long(oldSlot.date), "time": LetterText.time(oldSlot.start)]
            }
            if message.kind == .cancellation {
                values["cancellation"] = [
                    "reason": appointment.cancellation.map { Self.reasonText($0.reason) } ?? "",
                    "byHospital": appointment.status == .cancelledByHospital,
                ]
            }
        case .transportPickup, .clinicList:
            // Written when queued (``TransportPickupNotices``, ``ClinicListService``); nothing to write from.
            throw ServiceError.invalid([.init(path: "message", code: "message.unwritten", message: "transport message \(message.id) was queued unwritten.")])
        case .discharge, .removal:
            guard let id = message.referralID, let referral = try await session.referrals.find(id: id) else {
                throw ServiceError.notFound(entity: "Referral", id: message.referralID?.rawValue ?? "")
            }
            values = try await context(referral: referral)
            if message.kind == .discharge {
                let dnaCount = try await session.appointments.appointments(referralID: id).count { $0.status == .dna }
                values["referral"] = (values["referral"] as? [String: Any] ?? [:]).merging(["dnaCount": dnaCount]) { $1 }
            }
        }
        let key = MessageTemplates.key(message.kind, message.channel, message.recipient)
        values["recipientLines"] = values[message.recipient == .patient ? "patientAddress" : "referrerAddress"]
        guard let rendered = templates.render(key, values) else {
            throw ServiceError.invalid([.init(path: "template", code: "template.missing", message: "no usable template \(key).")])
        }
        var message = message
        message.write(subject: rendered.subject, body: rendered.body)
        return message
    }

    private func slot(_ id: Slot.ID) async throws -> Slot {
        guard let slot = try await session.clinics.slot(id: id) else { throw ServiceError.notFound(entity: "Slot", id: id.rawValue) }
        return slot
    }

    private func context(appointment: Appointment, slot: Slot) async throws -> [String: Any] {
        guard let referral = try await session.referrals.find(id: appointment.referralID) else {
            throw ServiceError.notFound(entity: "Referral", id: appointment.referralID.rawValue)
        }
        var values = try await context(referral: referral)
        let location = try await reference.location(slot.locationID), clinician = try await reference.clinician(slot.clinicianID)
        let specialty = try await reference.specialty(slot.specialtyID)
        values["appointment"] = [
            "id": appointment.id.rawValue, "reference": appointment.reference,
            "date": LetterText.long(slot.date), "shortDate": LetterText.short(slot.date), "time": LetterText.time(slot.start),
            "location": location?.name ?? slot.locationID.rawValue,
            "locationAddress": location.map { ($0.address.lines + [$0.address.town, $0.address.postcode]).joined(separator: ", ") } ?? "",
            "clinician": clinician?.name ?? "the clinician", "specialty": specialty?.name ?? "outpatient",
            "preparation": specialty.flatMap { settings.preparation[$0.code] } ?? settings.preparation["default"] ?? "",
            "interpreter": appointment.interpreterLanguage ?? false, "transport": appointment.needsTransport,
        ] as [String: Any]
        return values
    }

    private func context(referral: Referral) async throws -> [String: Any] {
        let patient = try await patient(referral.patientID)
        let specialty = try await reference.specialty(referral.specialtyID)
        let trustName = try await reference.trustName()
        let name = "\(patient.givenName) \(patient.familyName)"
        return [
            "trust": ["name": trustName, "phone": settings.bookingPhone ?? "the outpatient booking office"]
                .merging(settings.bookingPhone.map { ["phoneNumber": $0] } ?? [:]) { a, _ in a },
            "patient": [
                "name": name, "givenName": patient.givenName, "familyName": patient.familyName, "nhsNumber": patient.nhsNumber.formatted,
                "birthDate": LetterText.dateOfBirth(patient.birthDate), "phone": patient.phone ?? "",
            ] as [String: Any],
            "patientAddress": [name] + patient.address.lines + [patient.address.town, patient.address.postcode],
            "referrerAddress": [referral.referrer],
            "referral": [
                "id": referral.id.rawValue, "referrer": referral.referrer, "specialty": specialty?.name ?? "outpatient",
                "removalReason": referral.removal.map { Self.removalText($0.reason) } ?? "",
            ] as [String: Any],
            "letterDate": LetterText.long(env.today),
        ]
    }
}
