import Foundation
import SchedulingDomain

/// What every use case is built from: the store and the outside world.
public struct ServiceEnvironment: Sendable {
    /// Persistence.
    public var store: any Store
    /// Now.
    public var clock: any Clock
    /// Identifier source.
    public var ids: any IDGenerator
    /// Secret source.
    public var secrets: any SecretGenerator
    /// Password hashing.
    public var passwordHasher: any PasswordHasher
    /// Europe/London conversions.
    public var calendar: LondonCalendar
    /// Expensive reads, kept while the store's version stands still.
    public var cache: ReadCache
    /// Open referrals beyond which an auto-allocation preview through the API runs as a solve
    /// job (202 and a job to follow) rather than within the request.
    public var allocationJobThreshold = 20_000
    /// Where crews' run-sheet alerts may be pushed, and the contact push services see.
    public var push = PushConfiguration.standard

    /// Creates an environment.
    public init(
        store: any Store, clock: any Clock = SystemClock(), ids: any IDGenerator = RandomIDGenerator(),
        secrets: any SecretGenerator = SystemSecretGenerator(), passwordHasher: any PasswordHasher
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.secrets = secrets
        self.passwordHasher = passwordHasher
        self.calendar = LondonCalendar()
        self.cache = ReadCache()
    }

    /// Today's date in London.
    public var today: LocalDate { calendar.localDate(at: clock.now()) }
}
