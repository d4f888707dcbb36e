// The part of Kraken's public GraphQL schema that meter-sheets and its tests use, written
// from Kraken's published reference (names, types and nullability as Kraken has them; only
// the fields used are listed). The mock validates every document against this, so a query
// Kraken would reject fails the tests too.
//
// Two variants (krakenSchema in schema.ts): "current" is this file as it stands; "2024" drops every
// line marked `# since 2025`, the fields older Kraken instances (and other suppliers' Krakens,
// which may lag Octopus's) do not have.
//
// One deliberate difference: PropertyType.measurements declares no argument defaults. Kraken
// defaults `timezone` to Europe/London and the range to "all time"; the mock must see what
// a client actually sent, so a client that forgets `timezone` is caught rather than helped.

/** Kraken's schema as SDL: the "current" variant; see krakenSchema() for "2024". */
export const KRAKEN_SDL = /* GraphQL */ `
  schema {
    query: Query
    mutation: Mutation
  }

  scalar Date
  scalar DateTime
  scalar Decimal
  scalar GenericScalar

  type Query {
    account(accountNumber: String!): AccountType
    smartMeterTelemetry(
      deviceId: String!
      start: DateTime
      end: DateTime
      grouping: TelemetryGrouping
    ): [SmartMeterTelemetryType]
  }

  type Mutation {
    obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenJSONWebToken
  }

  input ObtainJSONWebTokenInput {
    email: String
    password: String
    APIKey: String
    organizationSecretKey: String
    preSignedKey: String
    refreshToken: String
  }

  type ObtainKrakenJSONWebToken {
    token: String!
    payload: GenericScalar!
    refreshToken: String
    refreshExpiresIn: Int
  }

  enum AccountStatus {
    PENDING
    INCOMPLETE
    WITHDRAWN
    ACTIVE
    ENROLMENT_ERROR
    ENROLMENT_REJECTED
    DORMANT
    VOID
  }

  type AccountType {
    number: String
    status: AccountStatus
    properties(activeFrom: DateTime): [PropertyType]
    electricityAgreements(active: Boolean): [ElectricityAgreementType]
    gasAgreements(active: Boolean): [GasAgreementType]
  }

  type PropertyType {
    id: String
    postcode: String!
    measurements(
      startAt: DateTime
      endAt: DateTime
      startOn: Date
      endOn: Date
      timezone: String
      utilityFilters: [UtilityFiltersInput]
      before: String
      after: String
      first: Int
      last: Int
    ): MeasurementConnection
  }

  input UtilityFiltersInput {
    electricityFilters: ElectricityFiltersInput = null
    gasFilters: GasFiltersInput = null
  }

  input ElectricityFiltersInput {
    readingFrequencyType: ReadingFrequencyType = RAW_INTERVAL
    marketSupplyPointId: String
    deviceId: String
    readingDirection: ReadingDirectionType = CONSUMPTION
    registerId: String
    readingQuality: ReadingQualityType = COMBINED
  }

  input GasFiltersInput {
    readingFrequencyType: ReadingFrequencyType = RAW_INTERVAL
    marketSupplyPointId: String
    deviceId: String
    registerId: String
  }

  enum ReadingFrequencyType {
    RAW_INTERVAL
    FIVE_MIN_INTERVAL
    FIFTEEN_MIN_INTERVAL
    THIRTY_MIN_INTERVAL
    HOUR_INTERVAL
    DAY_INTERVAL
    WEEK_INTERVAL
    MONTH_INTERVAL
    QUARTER_INTERVAL
    DAILY
    POINT_IN_TIME
  }

  enum ReadingDirectionType {
    CONSUMPTION
    GENERATION
  }

  enum ReadingQualityType {
    ACTUAL
    ESTIMATE
    COMBINED
  }

  type MeasurementConnection {
    pageInfo: PageInfo!
    edges: [MeasurementEdge]!
    totalCount: Int!
    edgeCount: Int!
  }

  type MeasurementEdge {
    node: MeasurementInterface
    cursor: String!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  interface MeasurementInterface {
    source: String!
    metaData: MeasurementsMetadataOutput
    value: Decimal!
    unit: String!
    readAt: DateTime!
  }

  type IntervalMeasurementType implements MeasurementInterface {
    source: String!
    metaData: MeasurementsMetadataOutput
    value: Decimal!
    unit: String!
    readAt: DateTime!
    startAt: DateTime!
    endAt: DateTime!
    durationInSeconds: Int!
    accumulation: Decimal
  }

  type MeasurementsMetadataOutput {
    statistics: [StatisticOutput]
  }

  enum ReadingStatisticTypeEnum {
    STANDING_CHARGE_COST
    CONSUMPTION_COST
    GENERATION_VALUE
    TOU_BUCKET_COST
    CARBON_COST
  }

  type StatisticOutput {
    type: ReadingStatisticTypeEnum
    label: String
    description: String
    costExclTax: EstimatedMoneyType
    costInclTax: EstimatedMoneyType
    value: Decimal
  }

  type EstimatedMoneyType {
    estimatedAmount: Decimal!
    costCurrency: String!
  }

  type ElectricityAgreementType {
    id: Int
    validFrom: DateTime
    validTo: DateTime
    meterPoint: ElectricityMeterPointType!
    tariff: ElectricityTariffType
  }

  union ElectricityTariffType =
    | StandardTariff
    | DayNightTariff
    | ThreeRateTariff
    | HalfHourlyTariff
    | PrepayTariff

  interface TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
  }

  type StandardTariff implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    unitRate: Float
    preVatUnitRate: Float
  }

  type DayNightTariff implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    dayRate: Float
    nightRate: Float
  }

  type ThreeRateTariff implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    dayRate: Float
    nightRate: Float
    offPeakRate: Float
  }

  type HalfHourlyTariff implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    unitRates: [UnitRate]
  }

  type UnitRate {
    validFrom: DateTime
    validTo: DateTime
    "Price in pence (inc VAT)."
    value: Float
    "Price in pence (not including VAT)."
    preVatValue: Float
  }

  type PrepayTariff implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    unitRate: Float
  }

  enum ElectricityDirection { # since 2025
    IMPORT # since 2025
    EXPORT # since 2025
  } # since 2025
  type ElectricityMeterPointType {
    id: ID!
    mpan: String!
    direction: ElectricityDirection # since 2025
    meters(id: Int, includeInactive: Boolean): [ElectricityMeterType]
    agreements(includeInactive: Boolean): [ElectricityAgreementType]
  }

  type ElectricityMeterType {
    id: ID!
    serialNumber: String!
    activeTo: Date
    importMeter: ElectricityMeterType
    smartImportElectricityMeter: SmartMeterDeviceType
    smartExportElectricityMeter: SmartMeterDeviceType
    registers: [ElectricityMeterRegisterType]
    smartDevices: [SmartMeterDeviceType]
  }

  type ElectricityMeterRegisterType {
    id: ID!
    identifier: String
    name: String
  }

  type GasAgreementType {
    id: Int
    validFrom: DateTime
    validTo: DateTime
    meterPoint: GasMeterPointType!
    tariff: GasTariffType
  }

  type GasTariffType implements TariffType {
    id: ID
    displayName: String
    fullName: String
    description: String
    productCode: String
    standingCharge: Float
    preVatStandingCharge: Float
    tariffCode: String
    unitRate: Float
    preVatUnitRate: Float
  }

  type GasMeterPointType {
    id: ID!
    mprn: String
    meters(id: Int, includeInactive: Boolean): [GasMeterType]
    agreements(includeInactive: Boolean): [GasAgreementType]
  }

  type GasMeterType {
    id: ID!
    serialNumber: String!
    smartDevices: [SmartMeterDeviceType]
  }

  type SmartMeterDeviceType {
    id: ID!
    deviceId: String!
    serialNumber: String!
  }

  enum TelemetryGrouping {
    TEN_SECONDS
    ONE_MINUTE
    FIVE_MINUTES
    HALF_HOURLY
    HOURLY
  }

  type SmartMeterTelemetryType {
    readAt: DateTime
    consumption: Decimal
    demand: Decimal
    consumptionDelta: Decimal
    costDelta: Decimal
    costDeltaWithTax: Decimal
  }
`;
