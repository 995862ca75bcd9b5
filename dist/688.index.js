export const id = 688;
export const ids = [688];
export const modules = {

/***/ 2688:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(402);
const { normalizeProvider, getSmithyContext, ServiceException: ServiceException$1, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(2658);
const { Command: $Command } = __webpack_require__(2658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(7291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(2085);
const { eventStreamSerdeProvider, resolveEventStreamSerdeConfig } = __webpack_require__(6579);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(3422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, sdkStreamMixin, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsRestJsonProtocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultBedrockAgentCoreHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "bedrock-agentcore",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultBedrockAgentCoreHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "bedrock-agentcore",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1140.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://bedrock-agentcore-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://bedrock-agentcore-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://bedrock-agentcore.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://bedrock-agentcore.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class BedrockAgentCoreServiceException extends ServiceException$1 {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, BedrockAgentCoreServiceException.prototype);
    }
}

class AccessDeniedException extends BedrockAgentCoreServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
    }
}
class InternalServerException extends BedrockAgentCoreServiceException {
    name = "InternalServerException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "InternalServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServerException.prototype);
    }
}
class ResourceNotFoundException extends BedrockAgentCoreServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}
class RetryableConflictException extends BedrockAgentCoreServiceException {
    name = "RetryableConflictException";
    $fault = "client";
    $retryable = {};
    constructor(opts) {
        super({
            name: "RetryableConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RetryableConflictException.prototype);
    }
}
class RuntimeClientError extends BedrockAgentCoreServiceException {
    name = "RuntimeClientError";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RuntimeClientError",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RuntimeClientError.prototype);
    }
}
class ServiceQuotaExceededException extends BedrockAgentCoreServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
    }
}
class ThrottlingException extends BedrockAgentCoreServiceException {
    name = "ThrottlingException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
    }
}
class ValidationException extends BedrockAgentCoreServiceException {
    name = "ValidationException";
    $fault = "client";
    reason;
    fieldList;
    constructor(opts) {
        super({
            name: "ValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ValidationException.prototype);
        this.reason = opts.reason;
        this.fieldList = opts.fieldList;
    }
}
class ConflictException extends BedrockAgentCoreServiceException {
    name = "ConflictException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
    }
}
class UnauthorizedException extends BedrockAgentCoreServiceException {
    name = "UnauthorizedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnauthorizedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnauthorizedException.prototype);
    }
}
class DuplicateIdException extends BedrockAgentCoreServiceException {
    name = "DuplicateIdException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DuplicateIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateIdException.prototype);
    }
}
class ServiceException extends BedrockAgentCoreServiceException {
    name = "ServiceException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceException.prototype);
    }
}
class ThrottledException extends BedrockAgentCoreServiceException {
    name = "ThrottledException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ThrottledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottledException.prototype);
    }
}
class InvalidInputException extends BedrockAgentCoreServiceException {
    name = "InvalidInputException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidInputException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInputException.prototype);
    }
}
class SubscriptionRequiredException extends BedrockAgentCoreServiceException {
    name = "SubscriptionRequiredException";
    $fault = "client";
    subscriptionUrl;
    productName;
    constructor(opts) {
        super({
            name: "SubscriptionRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubscriptionRequiredException.prototype);
        this.subscriptionUrl = opts.subscriptionUrl;
        this.productName = opts.productName;
    }
}

const _A = "Amount";
const _ABTEC = "ABTestEvaluationConfig";
const _ABTR = "ABTestResults";
const _ABTS = "ABTestSummary";
const _ABTSL = "ABTestSummaryList";
const _ACD = "AgentCardDefinition";
const _AD = "A2aDescriptor";
const _ADE = "AccessDeniedException";
const _AKT = "ApiKeyType";
const _AL = "AvailableLimits";
const _AS = "ActorSummary";
const _ASD = "AgentSkillsDescriptor";
const _ASL = "ActorSummaryList";
const _ASLf = "AffectedSessionList";
const _ASU = "AutomationStreamUpdate";
const _ASf = "AffectedSession";
const _ASu = "AutomationStream";
const _ATC = "AgentTracesConfig";
const _ATT = "AccessTokenType";
const _AUT = "AuthorizationUrlType";
const _Ac = "Accept";
const _B = "Body";
const _BA = "BasicAuth";
const _BAR = "BrowserActionResult";
const _BAr = "BrowserAction";
const _BCMR = "BatchCreateMemoryRecords";
const _BCMRI = "BatchCreateMemoryRecordsInput";
const _BCMRO = "BatchCreateMemoryRecordsOutput";
const _BDMR = "BatchDeleteMemoryRecords";
const _BDMRI = "BatchDeleteMemoryRecordsInput";
const _BDMRO = "BatchDeleteMemoryRecordsOutput";
const _BE = "BrowserExtension";
const _BEP = "BrowserEnterprisePolicy";
const _BEPr = "BrowserEnterprisePolicies";
const _BES = "BatchEvaluationSummary";
const _BESL = "BatchEvaluationSummaryList";
const _BETC = "BatchEvaluationTraceConfig";
const _BEr = "BrowserExtensions";
const _BF = "BranchFilter";
const _BPC = "BrowserProfileConfiguration";
const _BSS = "BrowserSessionStream";
const _BSSr = "BrowserSessionSummary";
const _BSSro = "BrowserSessionSummaries";
const _BUMR = "BatchUpdateMemoryRecords";
const _BUMRI = "BatchUpdateMemoryRecordsInput";
const _BUMRO = "BatchUpdateMemoryRecordsOutput";
const _Br = "Branch";
const _C = "Certificate";
const _CABT = "CreateABTest";
const _CABTR = "CreateABTestRequest";
const _CABTRr = "CreateABTestResponse";
const _CB = "ContentBlock";
const _CBL = "ContentBlockList";
const _CBR = "ConfigurationBundleRef";
const _CBTE = "ConfigurationBundleToolEntry";
const _CBTEL = "ConfigurationBundleToolEntryList";
const _CCPJTT = "CoinbaseCdpPaymentJwtTokenType";
const _CCTRI = "CoinbaseCdpTokenRequestInput";
const _CCTRO = "CoinbaseCdpTokenResponseOutput";
const _CD = "CustomDescriptor";
const _CDE = "ContentDeltaEvent";
const _CE = "ConflictException";
const _CEI = "CreateEventInput";
const _CEO = "CreateEventOutput";
const _CEr = "CreateEvent";
const _CI = "ConfidenceInterval";
const _CIR = "CodeInterpreterResult";
const _CISO = "CodeInterpreterStreamOutput";
const _CISS = "CodeInterpreterSessionSummary";
const _CISSo = "CodeInterpreterSessionSummaries";
const _CL = "CertificateLocation";
const _CPI = "CreatePaymentInstrument";
const _CPIR = "CreatePaymentInstrumentRequest";
const _CPIRr = "CreatePaymentInstrumentResponse";
const _CPS = "CreatePaymentSession";
const _CPSR = "CreatePaymentSessionRequest";
const _CPSRr = "CreatePaymentSessionResponse";
const _CRPT = "CustomRequestParametersType";
const _CRTA = "CompleteResourceTokenAuth";
const _CRTAR = "CompleteResourceTokenAuthRequest";
const _CRTARo = "CompleteResourceTokenAuthResponse";
const _CRVT = "CustomRequestValueType";
const _CS = "ControlStats";
const _CSE = "ContentStartEvent";
const _CSEo = "ContentStopEvent";
const _CSo = "ContentSource";
const _CT = "Content-Type";
const _CWFC = "CloudWatchFilterConfig";
const _CWLF = "CloudWatchLogsFilter";
const _CWLFL = "CloudWatchLogsFilterList";
const _CWLR = "CloudWatchLogsRule";
const _CWLS = "CloudWatchLogsSource";
const _CWLTC = "CloudWatchLogsTraceConfig";
const _CWOC = "CloudWatchOutputConfig";
const _CXPI = "CryptoX402PaymentInput";
const _CXPO = "CryptoX402PaymentOutput";
const _Ce = "Certificates";
const _Co = "Conversational";
const _Con = "Content";
const _Cont = "Context";
const _D = "Description";
const _DABT = "DeleteABTest";
const _DABTR = "DeleteABTestRequest";
const _DABTRe = "DeleteABTestResponse";
const _DBE = "DeleteBatchEvaluation";
const _DBER = "DeleteBatchEvaluationRequest";
const _DBERe = "DeleteBatchEvaluationResponse";
const _DCPS = "DeleteCapacityProviderSession";
const _DCPSR = "DeleteCapacityProviderSessionRequest";
const _DCPSRe = "DeleteCapacityProviderSessionResponse";
const _DE = "DeleteEvent";
const _DEI = "DeleteEventInput";
const _DEO = "DeleteEventOutput";
const _DIE = "DuplicateIdException";
const _DMR = "DeleteMemoryRecord";
const _DMRI = "DeleteMemoryRecordInput";
const _DMRO = "DeleteMemoryRecordOutput";
const _DPI = "DeletePaymentInstrument";
const _DPIR = "DeletePaymentInstrumentRequest";
const _DPIRe = "DeletePaymentInstrumentResponse";
const _DPS = "DeletePaymentSession";
const _DPSR = "DeletePaymentSessionRequest";
const _DPSRe = "DeletePaymentSessionResponse";
const _DR = "DeleteRecommendation";
const _DRR = "DeleteRecommendationRequest";
const _DRRe = "DeleteRecommendationResponse";
const _DSC = "DataSourceConfig";
const _De = "Descriptors";
const _E = "Email";
const _EC = "EfsConfiguration";
const _ECL = "EvaluationContentList";
const _ECW = "EmbeddedCryptoWallet";
const _ECv = "EvaluationContent";
const _ECx = "ExtractionConfig";
const _EE = "EvaluationExplanation";
const _EET = "EvaluationExpectedTrajectory";
const _EI = "EvaluationInput";
const _EJ = "ExtractionJob";
const _EJFI = "ExtractionJobFilterInput";
const _EJM = "ExtractionJobMetadata";
const _EJML = "ExtractionJobMetadataList";
const _EJMx = "ExtractionJobMessages";
const _EJR = "EvaluationJobResults";
const _EL = "EvaluatorList";
const _ELv = "EventList";
const _EM = "EvaluatorMetric";
const _EMFE = "EventMetadataFilterExpression";
const _EMFL = "EventMetadataFilterList";
const _EML = "EvaluatorMetricList";
const _EMv = "EvaluationMetadata";
const _EP = "ExternalProxy";
const _ER = "EvaluateRequest";
const _ERC = "EvaluationResultContent";
const _ERI = "EvaluationReferenceInput";
const _ERIv = "EvaluationReferenceInputs";
const _ERv = "EvaluateResponse";
const _ERva = "EvaluationResults";
const _ES = "EvaluatorStatistics";
const _ESAS = "ExecutionSummaryAffectedSession";
const _ESASL = "ExecutionSummaryAffectedSessionList";
const _ESC = "ExecutionSummaryCluster";
const _ESCL = "ExecutionSummaryClusterList";
const _ESCRC = "ExecutionSummaryClusteringResultContent";
const _ESL = "EvaluatorSummaryList";
const _ESv = "EvaluatorSummary";
const _ET = "EvaluationTarget";
const _Ev = "Evaluator";
const _Eva = "Evaluate";
const _Eve = "Event";
const _FARC = "FailureAnalysisResultContent";
const _FCC = "FailureCategoryCluster";
const _FCCL = "FailureCategoryClusterList";
const _FI = "FilterInput";
const _FSCC = "FailureSubCategoryCluster";
const _FSCCL = "FailureSubCategoryClusterList";
const _FSD = "FailureSpanDetail";
const _FSDL = "FailureSpanDetailList";
const _FV = "FilterValue";
const _GABT = "GetABTest";
const _GABTR = "GetABTestRequest";
const _GABTRe = "GetABTestResponse";
const _GAC = "GetAgentCard";
const _GACR = "GetAgentCardRequest";
const _GACRe = "GetAgentCardResponse";
const _GBE = "GetBatchEvaluation";
const _GBER = "GetBatchEvaluationRequest";
const _GBERe = "GetBatchEvaluationResponse";
const _GBS = "GetBrowserSession";
const _GBSR = "GetBrowserSessionRequest";
const _GBSRe = "GetBrowserSessionResponse";
const _GCIS = "GetCodeInterpreterSession";
const _GCISR = "GetCodeInterpreterSessionRequest";
const _GCISRe = "GetCodeInterpreterSessionResponse";
const _GE = "GetEvent";
const _GEI = "GetEventInput";
const _GEO = "GetEventOutput";
const _GF = "GatewayFilter";
const _GMR = "GetMemoryRecord";
const _GMRI = "GetMemoryRecordInput";
const _GMRO = "GetMemoryRecordOutput";
const _GPI = "GetPaymentInstrument";
const _GPIB = "GetPaymentInstrumentBalance";
const _GPIBR = "GetPaymentInstrumentBalanceRequest";
const _GPIBRe = "GetPaymentInstrumentBalanceResponse";
const _GPIR = "GetPaymentInstrumentRequest";
const _GPIRe = "GetPaymentInstrumentResponse";
const _GPS = "GetPaymentSession";
const _GPSR = "GetPaymentSessionRequest";
const _GPSRe = "GetPaymentSessionResponse";
const _GR = "GetRecommendation";
const _GRAK = "GetResourceApiKey";
const _GRAKR = "GetResourceApiKeyRequest";
const _GRAKRe = "GetResourceApiKeyResponse";
const _GROT = "GetResourceOauth2Token";
const _GROTR = "GetResourceOauth2TokenRequest";
const _GROTRe = "GetResourceOauth2TokenResponse";
const _GRPT = "GetResourcePaymentToken";
const _GRPTR = "GetResourcePaymentTokenRequest";
const _GRPTRe = "GetResourcePaymentTokenResponse";
const _GRR = "GetRecommendationRequest";
const _GRRe = "GetRecommendationResponse";
const _GTS = "GroundTruthSource";
const _GTT = "GroundTruthTurn";
const _GTTI = "GroundTruthTurnInput";
const _GTTL = "GroundTruthTurnList";
const _GWAT = "GetWorkloadAccessToken";
const _GWATFJWT = "GetWorkloadAccessTokenForJWT";
const _GWATFJWTR = "GetWorkloadAccessTokenForJWTRequest";
const _GWATFJWTRe = "GetWorkloadAccessTokenForJWTResponse";
const _GWATFUI = "GetWorkloadAccessTokenForUserId";
const _GWATFUIR = "GetWorkloadAccessTokenForUserIdRequest";
const _GWATFUIRe = "GetWorkloadAccessTokenForUserIdResponse";
const _GWATR = "GetWorkloadAccessTokenRequest";
const _GWATRe = "GetWorkloadAccessTokenResponse";
const _HACBC = "HarnessAgentCoreBrowserConfig";
const _HACCIC = "HarnessAgentCoreCodeInterpreterConfig";
const _HACGC = "HarnessAgentCoreGatewayConfig";
const _HBMC = "HarnessBedrockModelConfig";
const _HCB = "HarnessContentBlocks";
const _HCBD = "HarnessContentBlockDelta";
const _HCBDE = "HarnessContentBlockDeltaEvent";
const _HCBS = "HarnessContentBlockStart";
const _HCBSE = "HarnessContentBlockStartEvent";
const _HCBSEa = "HarnessContentBlockStopEvent";
const _HCBa = "HarnessContentBlock";
const _HGMC = "HarnessGeminiModelConfig";
const _HGOA = "HarnessGatewayOutboundAuth";
const _HHE = "HarnessHookEvent";
const _HHM = "HttpHeadersMap";
const _HIFC = "HarnessInlineFunctionConfig";
const _HIFD = "HarnessInlineFunctionDescription";
const _HLLAB = "HarnessLiteLlmApiBase";
const _HLLMC = "HarnessLiteLlmModelConfig";
const _HM = "HarnessMessage";
const _HMC = "HarnessModelConfiguration";
const _HME = "HarnessMetadataEvent";
const _HMSE = "HarnessMessageStartEvent";
const _HMSEa = "HarnessMessageStopEvent";
const _HMa = "HarnessMessages";
const _HOAAB = "HarnessOpenAiApiBase";
const _HOAMC = "HarnessOpenAiModelConfig";
const _HRCB = "HarnessReasoningContentBlock";
const _HRCBD = "HarnessReasoningContentBlockDelta";
const _HRMC = "HarnessRemoteMcpConfig";
const _HRMU = "HarnessRemoteMcpUrl";
const _HRTB = "HarnessReasoningTextBlock";
const _HS = "HarnessSkills";
const _HSASS = "HarnessSkillAwsSkillsSource";
const _HSCB = "HarnessSystemContentBlock";
const _HSGA = "HarnessSkillGitAuth";
const _HSGS = "HarnessSkillGitSource";
const _HSM = "HarnessStreamMetrics";
const _HSP = "HarnessSystemPrompt";
const _HSSS = "HarnessSkillS3Source";
const _HSa = "HarnessSkill";
const _HT = "HarnessTool";
const _HTC = "HarnessToolConfiguration";
const _HTRB = "HarnessToolResultBlock";
const _HTRBD = "HarnessToolResultBlocksDelta";
const _HTRBDa = "HarnessToolResultBlockDelta";
const _HTRBS = "HarnessToolResultBlockStart";
const _HTRCB = "HarnessToolResultContentBlocks";
const _HTRCBa = "HarnessToolResultContentBlock";
const _HTRMBD = "HarnessToolResultMetadataBlockDelta";
const _HTU = "HarnessTokenUsage";
const _HTUB = "HarnessToolUseBlock";
const _HTUBD = "HarnessToolUseBlockDelta";
const _HTUBS = "HarnessToolUseBlockStart";
const _HTa = "HarnessTools";
const _I = "Insight";
const _IAR = "InvokeAgentRuntime";
const _IARC = "InvokeAgentRuntimeCommand";
const _IARCR = "InvokeAgentRuntimeCommandRequest";
const _IARCRB = "InvokeAgentRuntimeCommandRequestBody";
const _IARCRn = "InvokeAgentRuntimeCommandResponse";
const _IARCSO = "InvokeAgentRuntimeCommandStreamOutput";
const _IARR = "InvokeAgentRuntimeRequest";
const _IARRn = "InvokeAgentRuntimeResponse";
const _IB = "InvokeBrowser";
const _IBR = "InvokeBrowserRequest";
const _IBRn = "InvokeBrowserResponse";
const _ICB = "InputContentBlock";
const _ICBL = "InputContentBlockList";
const _ICI = "InvokeCodeInterpreter";
const _ICIR = "InvokeCodeInterpreterRequest";
const _ICIRn = "InvokeCodeInterpreterResponse";
const _ID = "IngestData";
const _IDI = "IngestDataInput";
const _IDO = "IngestDataOutput";
const _IFS = "InsightsFailureSignal";
const _IFSL = "InsightsFailureSignalList";
const _IGT = "InlineGroundTruth";
const _IH = "InvokeHarness";
const _IHR = "InvokeHarnessRequest";
const _IHRn = "InvokeHarnessResponse";
const _IHSO = "InvokeHarnessStreamOutput";
const _IIE = "InvalidInputException";
const _IL = "InsightList";
const _IMC = "InlineMemoryContent";
const _IPL = "IngestPayloadList";
const _IPT = "IngestPayloadType";
const _ISE = "InternalServerException";
const _KPA = "KeyPressArguments";
const _KPR = "KeyPressResult";
const _KSA = "KeyShortcutArguments";
const _KSR = "KeyShortcutResult";
const _KTA = "KeyTypeArguments";
const _KTR = "KeyTypeResult";
const _LA = "LinkedAccount";
const _LABT = "ListABTests";
const _LABTR = "ListABTestsRequest";
const _LABTRi = "ListABTestsResponse";
const _LADJ = "LinkedAccountDeveloperJwt";
const _LAE = "LinkedAccountEmail";
const _LAI = "ListActorsInput";
const _LAL = "LinkedAccountList";
const _LAO = "ListActorsOutput";
const _LAOA = "LinkedAccountOAuth2";
const _LAS = "LinkedAccountSms";
const _LAi = "ListActors";
const _LBE = "ListBatchEvaluations";
const _LBER = "ListBatchEvaluationsRequest";
const _LBERi = "ListBatchEvaluationsResponse";
const _LBS = "ListBrowserSessions";
const _LBSR = "ListBrowserSessionsRequest";
const _LBSRi = "ListBrowserSessionsResponse";
const _LCIS = "ListCodeInterpreterSessions";
const _LCISR = "ListCodeInterpreterSessionsRequest";
const _LCISRi = "ListCodeInterpreterSessionsResponse";
const _LE = "LeftExpression";
const _LEI = "ListEventsInput";
const _LEO = "ListEventsOutput";
const _LEi = "ListEvents";
const _LMEJ = "ListMemoryExtractionJobs";
const _LMEJI = "ListMemoryExtractionJobsInput";
const _LMEJO = "ListMemoryExtractionJobsOutput";
const _LMR = "ListMemoryRecords";
const _LMRI = "ListMemoryRecordsInput";
const _LMRO = "ListMemoryRecordsOutput";
const _LPI = "ListPaymentInstruments";
const _LPIR = "ListPaymentInstrumentsRequest";
const _LPIRi = "ListPaymentInstrumentsResponse";
const _LPS = "ListPaymentSessions";
const _LPSR = "ListPaymentSessionsRequest";
const _LPSRi = "ListPaymentSessionsResponse";
const _LR = "ListRecommendations";
const _LRR = "ListRecommendationsRequest";
const _LRRi = "ListRecommendationsResponse";
const _LS = "ListSessions";
const _LSI = "ListSessionsInput";
const _LSO = "ListSessionsOutput";
const _LVS = "LiveViewStream";
const _MC = "MemoryContent";
const _MCA = "MouseClickArguments";
const _MCR = "MouseClickResult";
const _MD = "MemoryDocument";
const _MDA = "MouseDragArguments";
const _MDR = "MouseDragResult";
const _MDc = "McpDescriptor";
const _MJD = "MemoryJsonData";
const _MJDC = "MemoryJsonDataContent";
const _ML = "MessagesList";
const _MM = "Mcp-Method";
const _MMA = "MouseMoveArguments";
const _MMFE = "MemoryMetadataFilterExpression";
const _MMFL = "MemoryMetadataFilterList";
const _MMR = "MouseMoveResult";
const _MMe = "MessageMetadata";
const _MMet = "MetadataMap";
const _MN = "Mcp-Name";
const _MPC = "MppPaymentCredential";
const _MPI = "MppPaymentInput";
const _MPO = "MppPaymentOutput";
const _MPV = "Mcp-Protocol-Version";
const _MR = "MemoryRecord";
const _MRCI = "MemoryRecordCreateInput";
const _MRCIL = "MemoryRecordsCreateInputList";
const _MRDI = "MemoryRecordDeleteInput";
const _MRDIL = "MemoryRecordsDeleteInputList";
const _MRLE = "MemoryRecordLeftExpression";
const _MRMM = "MemoryRecordMetadataMap";
const _MRMV = "MemoryRecordMetadataValue";
const _MRO = "MemoryRecordOutput";
const _MROL = "MemoryRecordsOutputList";
const _MRRE = "MemoryRecordRightExpression";
const _MRS = "MemoryRecordSummary";
const _MRSL = "MemoryRecordSummaryList";
const _MRUI = "MemoryRecordUpdateInput";
const _MRUIL = "MemoryRecordsUpdateInputList";
const _MSA = "MouseScrollArguments";
const _MSI = "Mcp-Session-Id";
const _MSR = "MouseScrollResult";
const _MV = "MetadataValue";
const _OAA = "OAuth2Authentication";
const _OACP = "OAuthCredentialProvider";
const _OACPV = "OAuthCustomParametersValue";
const _OACPu = "OAuthCustomParameters";
const _OC = "OutputConfig";
const _OECS = "OnlineEvaluationConfigSource";
const _OETC = "OnlineEvaluationTraceConfig";
const _P = "Proxies";
const _PB = "ProxyBypass";
const _PC = "ProxyConfiguration";
const _PCr = "ProxyCredentials";
const _PD = "PaymentDocument";
const _PI = "PaymentInstrument";
const _PID = "PaymentInstrumentDetails";
const _PIS = "PaymentInstrumentSummary";
const _PISL = "PaymentInstrumentSummaryList";
const _PIa = "PaymentInput";
const _PN = "PhoneNumber";
const _PO = "PaymentOutput";
const _PP = "ProcessPayment";
const _PPR = "ProcessPaymentRequest";
const _PPRr = "ProcessPaymentResponse";
const _PS = "PaymentSession";
const _PSS = "PaymentSessionSummary";
const _PSSL = "PaymentSessionSummaryList";
const _PT = "PayloadType";
const _PTL = "PayloadTypeList";
const _PTRI = "PaymentTokenRequestInput";
const _PTRO = "PaymentTokenResponseOutput";
const _PVOEC = "PerVariantOnlineEvaluationConfig";
const _PVOECL = "PerVariantOnlineEvaluationConfigList";
const _Pr = "Proxy";
const _RC = "ResourceContent";
const _RCC = "RootCauseCluster";
const _RCCL = "RootCauseClusterList";
const _RCE = "RetryableConflictException";
const _RCEu = "RuntimeClientError";
const _RCe = "ResponseChunk";
const _RCec = "RecommendationConfig";
const _RE = "RightExpression";
const _REC = "RecommendationEvaluationConfig";
const _REL = "RecommendationEvaluatorList";
const _RER = "RecommendationEvaluatorReference";
const _RL = "ResourceLocation";
const _RMR = "RetrieveMemoryRecords";
const _RMRI = "RetrieveMemoryRecordsInput";
const _RMRO = "RetrieveMemoryRecordsOutput";
const _RNFE = "ResourceNotFoundException";
const _RR = "RecommendationResult";
const _RRCB = "RecommendationResultConfigurationBundle";
const _RRS = "RegistryRecordSummary";
const _RRSL = "RegistryRecordSummaryList";
const _RS = "ResponseStream";
const _RSL = "RecommendationSummaryList";
const _RSe = "RecommendationSummary";
const _S = "State";
const _SA = "ScreenshotArguments";
const _SBE = "StartBatchEvaluation";
const _SBER = "StartBatchEvaluationRequest";
const _SBERt = "StartBatchEvaluationResponse";
const _SBERto = "StopBatchEvaluationRequest";
const _SBERtop = "StopBatchEvaluationResponse";
const _SBEt = "StopBatchEvaluation";
const _SBS = "StartBrowserSession";
const _SBSP = "SaveBrowserSessionProfile";
const _SBSPR = "SaveBrowserSessionProfileRequest";
const _SBSPRa = "SaveBrowserSessionProfileResponse";
const _SBSR = "StartBrowserSessionRequest";
const _SBSRt = "StartBrowserSessionResponse";
const _SBSRto = "StopBrowserSessionRequest";
const _SBSRtop = "StopBrowserSessionResponse";
const _SBSt = "StopBrowserSession";
const _SC = "SearchCriteria";
const _SCIS = "StartCodeInterpreterSession";
const _SCISR = "StartCodeInterpreterSessionRequest";
const _SCISRt = "StartCodeInterpreterSessionResponse";
const _SCISRto = "StopCodeInterpreterSessionRequest";
const _SCISRtop = "StopCodeInterpreterSessionResponse";
const _SCISt = "StopCodeInterpreterSession";
const _SCp = "SpanContext";
const _SD = "ServerDefinition";
const _SDk = "SkillDefinition";
const _SE = "ServiceException";
const _SF = "SessionFilter";
const _SFC = "S3FilesConfiguration";
const _SFCe = "SessionFilterConfig";
const _SJ = "SensitiveJson";
const _SL = "S3Location";
const _SLe = "SessionLimits";
const _SMD = "SkillMdDefinition";
const _SMEJ = "StartMemoryExtractionJob";
const _SMEJI = "StartMemoryExtractionJobInput";
const _SMEJO = "StartMemoryExtractionJobOutput";
const _SML = "SecretsManagerLocation";
const _SMLe = "SessionMetadataList";
const _SMS = "SessionMetadataShape";
const _SPAST = "StripePrivyAuthorizationSignatureType";
const _SPBATT = "StripePrivyBasicAuthTokenType";
const _SPC = "SystemPromptConfig";
const _SPCB = "SystemPromptConfigurationBundle";
const _SPRBT = "StripePrivyRequestBodyType";
const _SPRC = "SystemPromptRecommendationConfig";
const _SPRR = "SystemPromptRecommendationResult";
const _SPT = "SystemPromptText";
const _SPTRI = "StripePrivyTokenRequestInput";
const _SPTRO = "StripePrivyTokenResponseOutput";
const _SQEE = "ServiceQuotaExceededException";
const _SR = "ScreenshotResult";
const _SRE = "SubscriptionRequiredException";
const _SRR = "StartRecommendationRequest";
const _SRRR = "SearchRegistryRecordsRequest";
const _SRRRe = "SearchRegistryRecordsResponse";
const _SRRe = "SearchRegistryRecords";
const _SRRt = "StartRecommendationResponse";
const _SRS = "StopRuntimeSession";
const _SRSR = "StopRuntimeSessionRequest";
const _SRSRt = "StopRuntimeSessionResponse";
const _SRt = "StartRecommendation";
const _SS = "SensitiveString";
const _SSL = "SessionSummaryList";
const _SSe = "SessionSummary";
const _ST = "SensitiveText";
const _STI = "SessionTraceIds";
const _STIL = "SessionTraceIdsList";
const _SU = "StreamUpdate";
const _Sp = "Spans";
const _TA = "ToolArguments";
const _TB = "TokenBalance";
const _TD = "ToolsDefinition";
const _TDC = "ToolDescriptionConfig";
const _TDCB = "ToolDescriptionConfigurationBundle";
const _TDI = "ToolDescriptionInput";
const _TDL = "ToolDescriptionList";
const _TDO = "ToolDescriptionOutput";
const _TDRC = "ToolDescriptionRecommendationConfig";
const _TDRL = "ToolDescriptionResultList";
const _TDRR = "ToolDescriptionRecommendationResult";
const _TDS = "ToolDescriptionSource";
const _TDT = "ToolDescriptionText";
const _TDTI = "ToolDescriptionTextInput";
const _TE = "ThrottledException";
const _TEh = "ThrottlingException";
const _TFSC = "ToolsFileSystemConfigurations";
const _TFSCo = "ToolsFileSystemConfiguration";
const _TR = "TargetRef";
const _TRSC = "ToolResultStructuredContent";
const _TU = "TokenUsage";
const _UABT = "UpdateABTest";
const _UABTR = "UpdateABTestRequest";
const _UABTRp = "UpdateABTestResponse";
const _UBS = "UpdateBrowserStream";
const _UBSR = "UpdateBrowserStreamRequest";
const _UBSRp = "UpdateBrowserStreamResponse";
const _UE = "UnauthorizedException";
const _UI = "UserIdentifier";
const _UIAS = "UserIntentAffectedSession";
const _UIASL = "UserIntentAffectedSessionList";
const _UIC = "UserIntentCluster";
const _UICL = "UserIntentClusterList";
const _UICRC = "UserIntentClusteringResultContent";
const _UTT = "UserTokenType";
const _V = "Variant";
const _VC = "VariantConfiguration";
const _VE = "ValidationException";
const _VEF = "ValidationExceptionField";
const _VEFL = "ValidationExceptionFieldList";
const _VL = "VariantList";
const _VP = "ViewPort";
const _VR = "VariantResult";
const _VRL = "VariantResultList";
const _WITT = "WorkloadIdentityTokenType";
const _XABAPAN = "X-Amzn-Bedrock-AgentCore-Payments-Agent-Name";
const _XABAPUI = "X-Amzn-Bedrock-AgentCore-Payments-User-Id";
const _XABARSI = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";
const _XABARUI = "X-Amzn-Bedrock-AgentCore-Runtime-User-Id";
const _XATI = "X-Amzn-Trace-Id";
const _a = "a2a";
const _aB = "apiBase";
const _aC = "agentCard";
const _aCB = "agentCoreBrowser";
const _aCCI = "agentCoreCodeInterpreter";
const _aCG = "agentCoreGateway";
const _aCb = "absoluteChange";
const _aDE = "accessDeniedException";
const _aF = "apiFormat";
const _aI = "actorId";
const _aIc = "accountId";
const _aIp = "appId";
const _aIw = "awsIam";
const _aK = "apiKey";
const _aKA = "apiKeyArn";
const _aL = "availableLimits";
const _aN = "agentName";
const _aP = "additionalParams";
const _aPA = "accessPointArn";
const _aRA = "agentRuntimeArn";
const _aS = "automationStream";
const _aSA = "availableSpendAmount";
const _aSC = "affectedSessionCount";
const _aSU = "automationStreamUpdate";
const _aSc = "actorSummaries";
const _aSf = "affectedSessions";
const _aSg = "agentSkills";
const _aSu = "authorizationSignature";
const _aSv = "averageScore";
const _aSw = "awsSkills";
const _aT = "analysisTimestamp";
const _aTA = "abTestArn";
const _aTI = "abTestId";
const _aTb = "abTests";
const _aTc = "accessToken";
const _aTg = "agentTraces";
const _aTl = "allowedTools";
const _aTp = "approachTaken";
const _aU = "authorizationUrl";
const _ac = "accept";
const _act = "action";
const _am = "amount";
const _ap = "apple";
const _ar = "arguments";
const _as = "assertions";
const _au = "audiences";
const _aut = "auth";
const _b = "branch";
const _bA = "bundleArn";
const _bAT = "basicAuthToken";
const _bAa = "basicAuth";
const _bAr = "browserArn";
const _bE = "batchEvaluations";
const _bEA = "batchEvaluationArn";
const _bEI = "batchEvaluationId";
const _bEN = "batchEvaluationName";
const _bEa = "batchEvaluation";
const _bI = "browserIdentifier";
const _bMC = "bedrockModelConfig";
const _bPGF = "buyerPaysGasFees";
const _bT = "bearerToken";
const _bV = "bundleVersion";
const _bVo = "booleanValue";
const _ba = "baggage";
const _bl = "blob";
const _bo = "body";
const _bu = "button";
const _buc = "bucket";
const _by = "bypass";
const _c = "client";
const _cA = "createdAt";
const _cAr = "credentialArn";
const _cB = "configurationBundle";
const _cBD = "contentBlockDelta";
const _cBI = "contentBlockIndex";
const _cBS = "contentBlockStart";
const _cBSo = "contentBlockStop";
const _cC = "clickCount";
const _cCTR = "coinbaseCdpTokenRequest";
const _cCTRo = "coinbaseCdpTokenResponse";
const _cCl = "clearContext";
const _cD = "contentDelta";
const _cE = "conflictException";
const _cI = "clusterId";
const _cIA = "codeInterpreterArn";
const _cII = "codeInterpreterIdentifier";
const _cIo = "confidenceInterval";
const _cL = "cloudwatchLogs";
const _cP = "customParameters";
const _cPA = "capacityProviderArn";
const _cPI = "capacityProviderId";
const _cRI = "currentRunId";
const _cRIT = "cacheReadInputTokens";
const _cS = "controlStats";
const _cSo = "contentStart";
const _cSon = "contentStop";
const _cSu = "customState";
const _cT = "clientToken";
const _cTo = "contentTimestamp";
const _cTon = "contentType";
const _cWC = "cloudWatchConfig";
const _cWIT = "cacheWriteInputTokens";
const _cWL = "cloudWatchLogs";
const _cX = "cryptoX402";
const _ca = "category";
const _ce = "certificates";
const _ch = "chain";
const _chu = "chunk";
const _co = "content";
const _cod = "code";
const _com = "command";
const _con = "context";
const _conf = "config";
const _confi = "confidence";
const _conv = "conversational";
const _cr = "credentials";
const _cu = "currency";
const _cus = "custom";
const _d = "description";
const _dJ = "developerJwt";
const _dP = "domainPatterns";
const _dPi = "directoryPath";
const _dRU = "defaultReturnUrl";
const _dSC = "dataSourceConfig";
const _dT = "descriptorType";
const _dTV = "dateTimeValue";
const _dV = "doubleValue";
const _dX = "deltaX";
const _dY = "deltaY";
const _da = "data";
const _de = "delta";
const _dec = "decision";
const _deci = "decimals";
const _des = "descriptors";
const _e = "error";
const _eA = "evaluatorArn";
const _eAm = "emailAddress";
const _eC = "exitCode";
const _eCW = "embeddedCryptoWallet";
const _eCf = "efsConfiguration";
const _eCr = "errorCode";
const _eCv = "evaluationConfig";
const _eCx = "extractionConfig";
const _eD = "errorDetails";
const _eF = "eventFilter";
const _eI = "eventId";
const _eIv = "evaluatorId";
const _eIva = "evaluationInput";
const _eJ = "extractionJob";
const _eM = "evaluatorMetrics";
const _eMr = "errorMessage";
const _eMv = "eventMetadata";
const _eMva = "evaluationMetadata";
const _eMx = "extractionMode";
const _eN = "evaluatorName";
const _eOC = "enableOnCreate";
const _eP = "enterprisePolicies";
const _ePx = "externalProxy";
const _eR = "evaluationResults";
const _eRI = "evaluationReferenceInputs";
const _eRx = "expectedResponse";
const _eS = "executionStatus";
const _eSR = "executionSummaryResult";
const _eSv = "evaluatorSummaries";
const _eSx = "executionSummaries";
const _eT = "endTime";
const _eTIM = "expiryTimeInMinutes";
const _eTv = "eventTimestamp";
const _eTva = "evaluationTarget";
const _eTx = "expectedTrajectory";
const _eTxe = "executionTime";
const _eX = "endX";
const _eY = "endY";
const _em = "email";
const _ev = "evaluators";
const _eve = "event";
const _even = "events";
const _evi = "evidence";
const _ex = "explanation";
const _ext = "extensions";
const _f = "filters";
const _fA = "forceAuthentication";
const _fAR = "failureAnalysisResult";
const _fC = "filterConfig";
const _fCi = "filesystemConfigurations";
const _fL = "fieldList";
const _fO = "finalOutcome";
const _fR = "failedRecords";
const _fRa = "failureReason";
const _fS = "failureSpans";
const _fSA = "fileSystemArn";
const _fT = "fixType";
const _fa = "failures";
const _fi = "filter";
const _fo = "format";
const _g = "git";
const _gA = "gatewayArn";
const _gF = "gatewayFilter";
const _gMC = "geminiModelConfig";
const _gT = "grantType";
const _gTr = "groundTruth";
const _gi = "github";
const _go = "google";
const _h = "headers";
const _hA = "harnessArn";
const _hE = "httpError";
const _hEI = "hookEventId";
const _hEo = "hookEvent";
const _hH = "httpHeader";
const _hQ = "httpQuery";
const _he = "height";
const _ht = "http";
const _i = "insights";
const _iAS = "includeAuthorizationSignature";
const _iC = "inlineContent";
const _iE = "isError";
const _iF = "inlineFunction";
const _iI = "insightId";
const _iP = "includePayloads";
const _iPB = "includeParentBranches";
const _iRIF = "ignoredReferenceInputFields";
const _iS = "inputSchema";
const _iSE = "internalServerException";
const _iSs = "isSignificant";
const _iT = "idempotencyToken";
const _iTn = "inputTokens";
const _iWAT = "includeWalletAuthToken";
const _in = "input";
const _inl = "inline";
const _it = "items";
const _j = "jobs";
const _jI = "jobId";
const _jID = "jobID";
const _js = "json";
const _k = "key";
const _kKA = "kmsKeyArn";
const _kP = "keyPress";
const _kS = "keyShortcut";
const _kT = "keyType";
const _ke = "keys";
const _ki = "kid";
const _l = "location";
const _lA = "linkedAccounts";
const _lGA = "logGroupArns";
const _lGN = "logGroupNames";
const _lGNP = "logGroupNamePrefixes";
const _lGNo = "logGroupName";
const _lLMC = "liteLlmModelConfig";
const _lM = "latencyMs";
const _lSN = "logStreamName";
const _lUA = "lastUpdatedAt";
const _lVS = "liveViewStream";
const _la = "label";
const _lan = "language";
const _le = "left";
const _li = "limits";
const _lo = "lower";
const _m = "message";
const _mC = "mouseClick";
const _mD = "mouseDrag";
const _mDEA = "maxDurationExpiresAt";
const _mF = "metadataFilters";
const _mI = "memoryId";
const _mIa = "maxIterations";
const _mIe = "messageIndex";
const _mIo = "modelId";
const _mK = "metadataKey";
const _mL = "messagesList";
const _mM = "mcpMethod";
const _mMo = "mouseMove";
const _mN = "metricsNamespace";
const _mNc = "mcpName";
const _mP = "mountPath";
const _mPV = "mcpProtocolVersion";
const _mR = "memoryRecord";
const _mRI = "memoryRecordId";
const _mRS = "memoryRecordSummaries";
const _mRa = "maxResults";
const _mS = "mouseScroll";
const _mSA = "maxSpendAmount";
const _mSI = "mcpSessionId";
const _mSIe = "memoryStrategyId";
const _mSe = "messageStart";
const _mSes = "messageStop";
const _mT = "mimeType";
const _mTa = "maxTokens";
const _mV = "metadataValue";
const _mc = "mcp";
const _me = "mean";
const _mes = "messages";
const _met = "metadata";
const _metr = "metrics";
const _mo = "model";
const _mp = "mpp";
const _n = "name";
const _nOSC = "numberOfSessionsCompleted";
const _nOSF = "numberOfSessionsFailed";
const _nOSI = "numberOfSessionsIgnored";
const _nOSIP = "numberOfSessionsInProgress";
const _nP = "namespacePath";
const _nT = "nextToken";
const _nV = "namespaceVariables";
const _nVu = "numberValue";
const _na = "namespace";
const _nam = "namespaces";
const _ne = "network";
const _no = "none";
const _o = "operator";
const _oA = "outboundAuth";
const _oAMC = "openAiModelConfig";
const _oAu = "oAuth2";
const _oC = "outputConfig";
const _oE = "onlineEvaluation";
const _oECA = "onlineEvaluationConfigArn";
const _oECS = "onlineEvaluationConfigSource";
const _oF = "oauth2Flow";
const _oT = "outputTokens";
const _oa = "oauth";
const _p = "payload";
const _pA = "providerArn";
const _pAL = "permit2AllowanceLimit";
const _pC = "profileConfiguration";
const _pCI = "paymentConnectorId";
const _pCa = "paymentCredential";
const _pCe = "percentChange";
const _pCr = "proxyConfiguration";
const _pI = "profileIdentifier";
const _pID = "paymentInstrumentDetails";
const _pII = "paymentInstrumentId";
const _pIT = "paymentInstrumentType";
const _pIa = "paymentInstrument";
const _pIay = "paymentInstruments";
const _pIaym = "paymentInput";
const _pMA = "paymentManagerArn";
const _pN = "productName";
const _pNh = "phoneNumber";
const _pO = "paymentOutput";
const _pPI = "processPaymentId";
const _pS = "paymentSession";
const _pSI = "paymentSessionId";
const _pSa = "paymentSessions";
const _pT = "paymentType";
const _pTR = "paymentTokenRequest";
const _pTRa = "paymentTokenResponse";
const _pV = "protocolVersion";
const _pVOEC = "perVariantOnlineEvaluationConfig";
const _pVa = "pValue";
const _pa = "paths";
const _pat = "path";
const _po = "port";
const _pr = "presses";
const _pre = "prefix";
const _pro = "proxies";
const _prom = "prompt";
const _q = "qualifier";
const _r = "reason";
const _rA = "roleArn";
const _rAe = "recommendationArn";
const _rAec = "recordArn";
const _rAeg = "registryArn";
const _rB = "requestBody";
const _rC = "rootCauses";
const _rCE = "runtimeClientError";
const _rCPN = "resourceCredentialProviderName";
const _rCe = "recommendationConfig";
const _rCea = "reasoningContent";
const _rCed = "redactedContent";
const _rCo = "rootCause";
const _rD = "resultDestination";
const _rE = "requestExpiry";
const _rEI = "rootEventId";
const _rH = "requestHost";
const _rI = "recommendationId";
const _rIe = "requestIdentifier";
const _rIec = "recordId";
const _rIeg = "registryIds";
const _rM = "requestMethod";
const _rMe = "remoteMcp";
const _rNFE = "resourceNotFoundException";
const _rORU = "resourceOauth2ReturnUrl";
const _rP = "requestPath";
const _rR = "recommendationResult";
const _rRe = "registryRecords";
const _rS = "recommendationSummaries";
const _rSI = "runtimeSessionId";
const _rSP = "recommendedSystemPrompt";
const _rT = "reasoningText";
const _rTD = "recommendedToolDescription";
const _rU = "redirectUrl";
const _rUI = "runtimeUserId";
const _re = "recommendation";
const _rec = "records";
const _res = "resource";
const _reso = "resources";
const _resp = "response";
const _resu = "results";
const _resul = "result";
const _ri = "right";
const _ro = "role";
const _ru = "rule";
const _run = "runtime";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.bedrockagentcore";
const _sA = "secretArn";
const _sAt = "startedAt";
const _sAto = "stoppedAt";
const _sC = "structuredContent";
const _sCe = "searchCriteria";
const _sCp = "spanContext";
const _sCt = "statusCode";
const _sCu = "subCategories";
const _sD = "skillDefinition";
const _sE = "streamEndpoint";
const _sF = "statusFilter";
const _sFC = "s3FilesConfiguration";
const _sI = "sessionId";
const _sIe = "sessionIds";
const _sIp = "spanId";
const _sIpa = "spanIds";
const _sIt = "strategyId";
const _sLV = "stringListValue";
const _sM = "skillMd";
const _sMe = "secretsManager";
const _sMes = "sessionMetadata";
const _sN = "serviceNames";
const _sNe = "serverName";
const _sNo = "sourceNamespaces";
const _sP = "systemPrompt";
const _sPI = "selectedPaymentId";
const _sPJP = "systemPromptJsonPath";
const _sPRC = "systemPromptRecommendationConfig";
const _sPRR = "systemPromptRecommendationResult";
const _sPTR = "stripePrivyTokenRequest";
const _sPTRt = "stripePrivyTokenResponse";
const _sQ = "searchQuery";
const _sQEE = "serviceQuotaExceededException";
const _sR = "successfulRecords";
const _sRA = "sessionReplayArtifact";
const _sRt = "stopReason";
const _sS = "streamStatus";
const _sSa = "sampleSize";
const _sSe = "sessionStatus";
const _sSes = "sessionSummaries";
const _sSess = "sessionSpans";
const _sT = "startTime";
const _sTI = "sessionTraceIds";
const _sTS = "sessionTimeoutSeconds";
const _sU = "subscriptionUrl";
const _sUe = "sessionUri";
const _sUt = "streamUpdate";
const _sV = "schemaVersion";
const _sVt = "stringValue";
const _sX = "startX";
const _sY = "startY";
const _s_ = "s3";
const _sc = "scopes";
const _sco = "score";
const _scr = "screenshot";
const _se = "server";
const _sen = "sensitive";
const _si = "size";
const _sig = "signals";
const _sign = "signature";
const _sk = "skills";
const _sm = "sms";
const _so = "source";
const _st = "streaming";
const _sta = "status";
const _star = "start";
const _stat = "statistics";
const _std = "stdout";
const _stde = "stderr";
const _str = "streams";
const _stre = "stream";
const _su = "sub";
const _t = "type";
const _tB = "tokenBalance";
const _tD = "toolDescription";
const _tDJP = "toolDescriptionJsonPath";
const _tDRC = "toolDescriptionRecommendationConfig";
const _tDRR = "toolDescriptionRecommendationResult";
const _tDT = "toolDescriptionText";
const _tE = "totalEvaluated";
const _tEh = "throttlingException";
const _tF = "totalFailed";
const _tI = "traceId";
const _tIa = "taskId";
const _tIr = "traceIds";
const _tK = "topK";
const _tN = "toolName";
const _tNOS = "totalNumberOfSessions";
const _tNo = "toolNames";
const _tP = "targetPaths";
const _tPo = "topP";
const _tPr = "traceParent";
const _tR = "timeRange";
const _tRM = "toolResultMetadata";
const _tRo = "toolResult";
const _tS = "traceState";
const _tSI = "testScenarioId";
const _tSa = "taskStatus";
const _tSi = "timeoutSeconds";
const _tT = "totalTokens";
const _tU = "tokenUsage";
const _tUI = "toolUseId";
const _tUo = "toolUse";
const _ta = "tags";
const _tar = "target";
const _te = "text";
const _tel = "telegram";
const _tem = "temperature";
const _ti = "timeout";
const _tim = "timestamp";
const _to = "token";
const _too = "tools";
const _tr = "traceparent";
const _tra = "tracestate";
const _tu = "turns";
const _u = "upper";
const _uA = "updatedAt";
const _uI = "userIdentifier";
const _uIR = "userIntentResult";
const _uIs = "userId";
const _uIse = "userIntents";
const _uM = "userMessages";
const _uT = "userToken";
const _ur = "uri";
const _url = "url";
const _us = "usage";
const _use = "username";
const _v = "value";
const _vC = "variantConfiguration";
const _vE = "validationException";
const _vI = "versionId";
const _vN = "variantName";
const _vP = "viewPort";
const _vR = "variantResults";
const _va = "variants";
const _ve = "version";
const _w = "weight";
const _wA = "walletAddress";
const _wAH = "wwwAuthenticateHeaders";
const _wAT = "walletAuthToken";
const _wATo = "workloadAccessToken";
const _wIT = "workloadIdentityToken";
const _wN = "workloadName";
const _wi = "width";
const _x = "x";
const _xabsi = "x-amzn-browser-session-id";
const _xacisi = "x-amzn-code-interpreter-session-id";
const _y = "y";
const n0 = "com.amazonaws.bedrockagentcore";
const _s_registry = new TypeRegistry(_s);
var BedrockAgentCoreServiceException$ = [-3, _s, "BedrockAgentCoreServiceException", 0, [], []];
_s_registry.registerError(BedrockAgentCoreServiceException$, BedrockAgentCoreServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_m],
    [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var DuplicateIdException$ = [-3, n0, _DIE,
    { [_e]: _c, [_hE]: 409 },
    [_m],
    [0]
];
n0_registry.registerError(DuplicateIdException$, DuplicateIdException);
var InternalServerException$ = [-3, n0, _ISE,
    { [_e]: _se, [_hE]: 500 },
    [_m],
    [0]
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var InvalidInputException$ = [-3, n0, _IIE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0], 1
];
n0_registry.registerError(InvalidInputException$, InvalidInputException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var RetryableConflictException$ = [-3, n0, _RCE,
    { [_e]: _c, [_hE]: 409 },
    [_m],
    [0], 1
];
n0_registry.registerError(RetryableConflictException$, RetryableConflictException);
var RuntimeClientError$ = [-3, n0, _RCEu,
    { [_e]: _c, [_hE]: 424 },
    [_m],
    [0]
];
n0_registry.registerError(RuntimeClientError$, RuntimeClientError);
var ServiceException$ = [-3, n0, _SE,
    { [_e]: _se, [_hE]: 500 },
    [_m],
    [0], 1
];
n0_registry.registerError(ServiceException$, ServiceException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c, [_hE]: 402 },
    [_m],
    [0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var SubscriptionRequiredException$ = [-3, n0, _SRE,
    { [_e]: _c, [_hE]: 403 },
    [_m, _sU, _pN],
    [0, 0, 0], 1
];
n0_registry.registerError(SubscriptionRequiredException$, SubscriptionRequiredException);
var ThrottledException$ = [-3, n0, _TE,
    { [_e]: _c, [_hE]: 429 },
    [_m],
    [0], 1
];
n0_registry.registerError(ThrottledException$, ThrottledException);
var ThrottlingException$ = [-3, n0, _TEh,
    { [_e]: _c, [_hE]: 429 },
    [_m],
    [0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var UnauthorizedException$ = [-3, n0, _UE,
    { [_e]: _c, [_hE]: 401 },
    [_m],
    [0]
];
n0_registry.registerError(UnauthorizedException$, UnauthorizedException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c, [_hE]: 400 },
    [_m, _r, _fL],
    [0, 0, () => ValidationExceptionFieldList], 2
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AccessTokenType = [0, n0, _ATT, 8, 0];
var ApiKeyType = [0, n0, _AKT, 8, 0];
var AuthorizationUrlType = [0, n0, _AUT, 8, 0];
var Body = [0, n0, _B, 8, 21];
var CoinbaseCdpPaymentJwtTokenType = [0, n0, _CCPJTT, 8, 0];
var CustomRequestValueType = [0, n0, _CRVT, 8, 0];
var Description = [0, n0, _D, 8, 0];
var Email = [0, n0, _E, 8, 0];
var EvaluationExplanation = [0, n0, _EE, 8, 0];
var HarnessInlineFunctionDescription = [0, n0, _HIFD, 8, 0];
var HarnessLiteLlmApiBase = [0, n0, _HLLAB, 8, 0];
var HarnessOpenAiApiBase = [0, n0, _HOAAB, 8, 0];
var HarnessRemoteMcpUrl = [0, n0, _HRMU, 8, 0];
var MemoryDocument = [0, n0, _MD, 8, 15];
var MemoryJsonDataContent = [0, n0, _MJDC, 8, 15];
var MppPaymentCredential = [0, n0, _MPC, 8, 0];
var OAuthCustomParametersValue = [0, n0, _OACPV, 8, 0];
var PaymentDocument = [0, n0, _PD, 8, 15];
var PhoneNumber = [0, n0, _PN, 8, 0];
var ResponseStream = [0, n0, _RS, { [_sen]: 1, [_st]: 1 }, 42];
var SensitiveJson = [0, n0, _SJ, 8, 15];
var SensitiveString = [0, n0, _SS, 8, 0];
var SensitiveText = [0, n0, _ST, 8, 0];
var State = [0, n0, _S, 8, 0];
var StripePrivyAuthorizationSignatureType = [0, n0, _SPAST, 8, 0];
var StripePrivyBasicAuthTokenType = [0, n0, _SPBATT, 8, 0];
var StripePrivyRequestBodyType = [0, n0, _SPRBT, 8, 0];
var SystemPromptText = [0, n0, _SPT, 8, 0];
var ToolDescriptionText = [0, n0, _TDT, 8, 0];
var UserTokenType = [0, n0, _UTT, 8, 0];
var WorkloadIdentityTokenType = [0, n0, _WITT, 8, 0];
var A2aDescriptor$ = [3, n0, _AD,
    0,
    [_aC],
    [() => AgentCardDefinition$], 1
];
var ABTestResults$ = [3, n0, _ABTR,
    0,
    [_eM, _aT],
    [() => EvaluatorMetricList, 4], 1
];
var ABTestSummary$ = [3, n0, _ABTS,
    0,
    [_aTI, _aTA, _n, _sta, _eS, _cA, _uA, _d, _gA],
    [0, 0, 0, 0, 0, 4, 4, 0, 0], 7
];
var ActorSummary$ = [3, n0, _AS,
    0,
    [_aI],
    [0], 1
];
var AffectedSession$ = [3, n0, _ASf,
    0,
    [_sI, _ex, _fT, _re, _fS],
    [0, 0, 0, 0, () => FailureSpanDetailList], 5
];
var AgentCardDefinition$ = [3, n0, _ACD,
    0,
    [_sV, _iC],
    [0, 0]
];
var AgentSkillsDescriptor$ = [3, n0, _ASD,
    0,
    [_sM, _sD],
    [() => SkillMdDefinition$, () => SkillDefinition$], 1
];
var Amount$ = [3, n0, _A,
    0,
    [_v, _cu],
    [0, 0], 2
];
var AutomationStream$ = [3, n0, _ASu,
    0,
    [_sE, _sS],
    [0, 0], 2
];
var AutomationStreamUpdate$ = [3, n0, _ASU,
    0,
    [_sS],
    [0]
];
var AvailableLimits$ = [3, n0, _AL,
    0,
    [_aSA, _uA],
    [() => Amount$, 5]
];
var BasicAuth$ = [3, n0, _BA,
    0,
    [_sA],
    [0], 1
];
var BatchCreateMemoryRecordsInput$ = [3, n0, _BCMRI,
    0,
    [_mI, _rec, _cT],
    [[0, 1], [() => MemoryRecordsCreateInputList, 0], [0, 4]], 2
];
var BatchCreateMemoryRecordsOutput$ = [3, n0, _BCMRO,
    0,
    [_sR, _fR],
    [() => MemoryRecordsOutputList, () => MemoryRecordsOutputList], 2
];
var BatchDeleteMemoryRecordsInput$ = [3, n0, _BDMRI,
    0,
    [_mI, _rec],
    [[0, 1], () => MemoryRecordsDeleteInputList], 2
];
var BatchDeleteMemoryRecordsOutput$ = [3, n0, _BDMRO,
    0,
    [_sR, _fR],
    [() => MemoryRecordsOutputList, () => MemoryRecordsOutputList], 2
];
var BatchEvaluationSummary$ = [3, n0, _BES,
    0,
    [_bEI, _bEA, _bEN, _sta, _cA, _d, _ev, _i, _eR, _eD, _kKA, _uA],
    [0, 0, 0, 0, 5, 0, () => EvaluatorList, () => InsightList, () => EvaluationJobResults$, 64 | 0, 0, 5], 5
];
var BatchEvaluationTraceConfig$ = [3, n0, _BETC,
    0,
    [_bEA],
    [0], 1
];
var BatchUpdateMemoryRecordsInput$ = [3, n0, _BUMRI,
    0,
    [_mI, _rec],
    [[0, 1], [() => MemoryRecordsUpdateInputList, 0]], 2
];
var BatchUpdateMemoryRecordsOutput$ = [3, n0, _BUMRO,
    0,
    [_sR, _fR],
    [() => MemoryRecordsOutputList, () => MemoryRecordsOutputList], 2
];
var Branch$ = [3, n0, _Br,
    0,
    [_n, _rEI],
    [0, 0], 1
];
var BranchFilter$ = [3, n0, _BF,
    0,
    [_n, _iPB],
    [0, 2], 1
];
var BrowserEnterprisePolicy$ = [3, n0, _BEP,
    0,
    [_l, _t],
    [() => ResourceLocation$, 0], 1
];
var BrowserExtension$ = [3, n0, _BE,
    0,
    [_l],
    [() => ResourceLocation$], 1
];
var BrowserProfileConfiguration$ = [3, n0, _BPC,
    0,
    [_pI],
    [0], 1
];
var BrowserSessionStream$ = [3, n0, _BSS,
    0,
    [_aS, _lVS],
    [() => AutomationStream$, () => LiveViewStream$], 1
];
var BrowserSessionSummary$ = [3, n0, _BSSr,
    0,
    [_bI, _sI, _sta, _cA, _n, _lUA],
    [0, 0, 0, 5, 0, 5], 4
];
var Certificate$ = [3, n0, _C,
    0,
    [_l],
    [() => CertificateLocation$], 1
];
var CloudWatchFilterConfig$ = [3, n0, _CWFC,
    0,
    [_sIe, _tR, _sTI],
    [64 | 0, () => SessionFilterConfig$, () => SessionTraceIdsList]
];
var CloudWatchLogsFilter$ = [3, n0, _CWLF,
    0,
    [_k, _o, _v],
    [0, 0, () => FilterValue$], 3
];
var CloudWatchLogsRule$ = [3, n0, _CWLR,
    0,
    [_f],
    [() => CloudWatchLogsFilterList]
];
var CloudWatchLogsSource$ = [3, n0, _CWLS,
    0,
    [_sN, _lGN, _lGNP, _fC],
    [64 | 0, 64 | 0, 64 | 0, () => CloudWatchFilterConfig$], 1
];
var CloudWatchLogsTraceConfig$ = [3, n0, _CWLTC,
    0,
    [_lGA, _sN, _sT, _eT, _ru],
    [64 | 0, 64 | 0, 5, 5, () => CloudWatchLogsRule$], 4
];
var CloudWatchOutputConfig$ = [3, n0, _CWOC,
    0,
    [_lGNo, _lSN, _mN, _rD],
    [0, 0, 0, 0]
];
var CodeInterpreterResult$ = [3, n0, _CIR,
    0,
    [_co, _sC, _iE],
    [() => ContentBlockList, () => ToolResultStructuredContent$, 2], 1
];
var CodeInterpreterSessionSummary$ = [3, n0, _CISS,
    0,
    [_cII, _sI, _sta, _cA, _n, _lUA],
    [0, 0, 0, 5, 0, 5], 4
];
var CoinbaseCdpTokenRequestInput$ = [3, n0, _CCTRI,
    0,
    [_rM, _rP, _rH, _iWAT, _rB],
    [0, 0, 0, 2, 0], 2
];
var CoinbaseCdpTokenResponseOutput$ = [3, n0, _CCTRO,
    0,
    [_bT, _wAT],
    [[() => CoinbaseCdpPaymentJwtTokenType, 0], [() => CoinbaseCdpPaymentJwtTokenType, 0]], 1
];
var CompleteResourceTokenAuthRequest$ = [3, n0, _CRTAR,
    0,
    [_uI, _sUe],
    [[() => UserIdentifier$, 0], 0], 2
];
var CompleteResourceTokenAuthResponse$ = [3, n0, _CRTARo,
    0,
    [],
    []
];
var ConfidenceInterval$ = [3, n0, _CI,
    0,
    [_lo, _u],
    [1, 1]
];
var ConfigurationBundleRef$ = [3, n0, _CBR,
    0,
    [_bA, _bV],
    [0, 0], 2
];
var ConfigurationBundleToolEntry$ = [3, n0, _CBTE,
    0,
    [_tN, _tDJP],
    [0, 0], 2
];
var ContentBlock$ = [3, n0, _CB,
    0,
    [_t, _te, _da, _mT, _ur, _n, _d, _si, _res],
    [0, 0, 21, 0, 0, 0, 0, 1, () => ResourceContent$], 1
];
var ContentDeltaEvent$ = [3, n0, _CDE,
    0,
    [_std, _stde],
    [0, 0]
];
var ContentStartEvent$ = [3, n0, _CSE,
    0,
    [],
    []
];
var ContentStopEvent$ = [3, n0, _CSEo,
    0,
    [_eC, _sta],
    [1, 0], 2
];
var ControlStats$ = [3, n0, _CS,
    0,
    [_vN, _sSa, _me],
    [0, 1, 1], 3
];
var Conversational$ = [3, n0, _Co,
    0,
    [_co, _ro],
    [[() => Content$, 0], 0], 2
];
var CreateABTestRequest$ = [3, n0, _CABTR,
    0,
    [_n, _gA, _va, _eCv, _rA, _d, _gF, _eOC, _cT, _ta],
    [0, 0, () => VariantList, () => ABTestEvaluationConfig$, 0, 0, () => GatewayFilter$, 2, [0, 4], 128 | 0], 5
];
var CreateABTestResponse$ = [3, n0, _CABTRr,
    0,
    [_aTI, _aTA, _sta, _eS, _cA, _n],
    [0, 0, 0, 0, 4, 0], 5
];
var CreateEventInput$ = [3, n0, _CEI,
    0,
    [_mI, _aI, _eTv, _p, _sI, _b, _cT, _met, _eMx, _eCx],
    [[0, 1], 0, 4, [() => PayloadTypeList, 0], 0, () => Branch$, [0, 4], () => MetadataMap, 0, () => ExtractionConfig$], 4
];
var CreateEventOutput$ = [3, n0, _CEO,
    0,
    [_eve],
    [[() => Event$, 0]], 1
];
var CreatePaymentInstrumentRequest$ = [3, n0, _CPIR,
    0,
    [_pMA, _pCI, _pIT, _pID, _uIs, _aN, _cT],
    [0, 0, 0, [() => PaymentInstrumentDetails$, 0], [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], [0, 4]], 4
];
var CreatePaymentInstrumentResponse$ = [3, n0, _CPIRr,
    0,
    [_pIa],
    [[() => PaymentInstrument$, 0]], 1
];
var CreatePaymentSessionRequest$ = [3, n0, _CPSR,
    0,
    [_pMA, _eTIM, _uIs, _aN, _li, _cT],
    [0, 1, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], () => SessionLimits$, [0, 4]], 2
];
var CreatePaymentSessionResponse$ = [3, n0, _CPSRr,
    0,
    [_pS],
    [() => PaymentSession$], 1
];
var CryptoX402PaymentInput$ = [3, n0, _CXPI,
    0,
    [_ve, _p, _pAL],
    [0, [() => PaymentDocument, 0], 0], 2
];
var CryptoX402PaymentOutput$ = [3, n0, _CXPO,
    0,
    [_ve, _p],
    [0, [() => PaymentDocument, 0]], 2
];
var CustomDescriptor$ = [3, n0, _CD,
    0,
    [_iC],
    [0]
];
var DeleteABTestRequest$ = [3, n0, _DABTR,
    0,
    [_aTI],
    [[0, 1]], 1
];
var DeleteABTestResponse$ = [3, n0, _DABTRe,
    0,
    [_aTI, _aTA, _sta],
    [0, 0, 0], 3
];
var DeleteBatchEvaluationRequest$ = [3, n0, _DBER,
    0,
    [_bEI],
    [[0, 1]], 1
];
var DeleteBatchEvaluationResponse$ = [3, n0, _DBERe,
    0,
    [_bEI, _bEA, _sta],
    [0, 0, 0], 3
];
var DeleteCapacityProviderSessionRequest$ = [3, n0, _DCPSR,
    0,
    [_cPI, _sI],
    [[0, 1], [0, 1]], 2
];
var DeleteCapacityProviderSessionResponse$ = [3, n0, _DCPSRe,
    0,
    [_cPA, _sI, _sta],
    [0, 0, 0], 3
];
var DeleteEventInput$ = [3, n0, _DEI,
    0,
    [_mI, _sI, _eI, _aI],
    [[0, 1], [0, 1], [0, 1], [0, 1]], 4
];
var DeleteEventOutput$ = [3, n0, _DEO,
    0,
    [_eI],
    [0], 1
];
var DeleteMemoryRecordInput$ = [3, n0, _DMRI,
    0,
    [_mI, _mRI, _na],
    [[0, 1], [0, 1], [0, { [_hQ]: _na }]], 2
];
var DeleteMemoryRecordOutput$ = [3, n0, _DMRO,
    0,
    [_mRI],
    [0], 1
];
var DeletePaymentInstrumentRequest$ = [3, n0, _DPIR,
    0,
    [_pMA, _pCI, _pII, _uIs],
    [0, 0, 0, [0, { [_hH]: _XABAPUI }]], 3
];
var DeletePaymentInstrumentResponse$ = [3, n0, _DPIRe,
    0,
    [_sta],
    [0], 1
];
var DeletePaymentSessionRequest$ = [3, n0, _DPSR,
    0,
    [_pMA, _pSI, _uIs],
    [0, 0, [0, { [_hH]: _XABAPUI }]], 2
];
var DeletePaymentSessionResponse$ = [3, n0, _DPSRe,
    0,
    [_sta],
    [0], 1
];
var DeleteRecommendationRequest$ = [3, n0, _DRR,
    0,
    [_rI],
    [[0, 1]], 1
];
var DeleteRecommendationResponse$ = [3, n0, _DRRe,
    0,
    [_rI, _sta],
    [0, 0], 2
];
var Descriptors$ = [3, n0, _De,
    0,
    [_mc, _a, _cus, _aSg],
    [() => McpDescriptor$, () => A2aDescriptor$, () => CustomDescriptor$, () => AgentSkillsDescriptor$]
];
var EfsConfiguration$ = [3, n0, _EC,
    0,
    [_aPA, _mP, _fSA],
    [0, 0, 0], 3
];
var EmbeddedCryptoWallet$ = [3, n0, _ECW,
    0,
    [_ne, _lA, _wA, _rU],
    [0, [() => LinkedAccountList, 0], 0, 0], 2
];
var EvaluateRequest$ = [3, n0, _ER,
    0,
    [_eIv, _eIva, _eTva, _eRI],
    [[0, 1], [() => EvaluationInput$, 0], () => EvaluationTarget$, [() => EvaluationReferenceInputs, 0]], 2
];
var EvaluateResponse$ = [3, n0, _ERv,
    0,
    [_eR],
    [[() => EvaluationResults, 0]], 1
];
var EvaluationExpectedTrajectory$ = [3, n0, _EET,
    0,
    [_tNo],
    [64 | 0]
];
var EvaluationJobResults$ = [3, n0, _EJR,
    0,
    [_nOSC, _nOSIP, _nOSF, _tNOS, _nOSI, _eSv],
    [1, 1, 1, 1, 1, () => EvaluatorSummaryList]
];
var EvaluationReferenceInput$ = [3, n0, _ERI,
    0,
    [_con, _eRx, _as, _eTx],
    [() => Context$, () => EvaluationContent$, () => EvaluationContentList, () => EvaluationExpectedTrajectory$], 1
];
var EvaluationResultContent$ = [3, n0, _ERC,
    0,
    [_eA, _eIv, _eN, _con, _ex, _v, _la, _tU, _eMr, _eCr, _iRIF],
    [0, 0, 0, () => Context$, [() => EvaluationExplanation, 0], 1, 0, () => TokenUsage$, 0, 0, 64 | 0], 4
];
var Evaluator$ = [3, n0, _Ev,
    0,
    [_eIv],
    [0], 1
];
var EvaluatorMetric$ = [3, n0, _EM,
    0,
    [_eA, _cS, _vR],
    [0, () => ControlStats$, () => VariantResultList], 3
];
var EvaluatorStatistics$ = [3, n0, _ES,
    0,
    [_aSv],
    [1]
];
var EvaluatorSummary$ = [3, n0, _ESv,
    0,
    [_eIv, _stat, _tE, _tF],
    [0, () => EvaluatorStatistics$, 1, 1]
];
var Event$ = [3, n0, _Eve,
    0,
    [_mI, _aI, _sI, _eI, _eTv, _p, _b, _met],
    [0, 0, 0, 0, 4, [() => PayloadTypeList, 0], () => Branch$, () => MetadataMap], 6
];
var EventMetadataFilterExpression$ = [3, n0, _EMFE,
    0,
    [_le, _o, _ri],
    [() => LeftExpression$, 0, () => RightExpression$], 2
];
var ExecutionSummaryAffectedSession$ = [3, n0, _ESAS,
    0,
    [_sI, _aTp, _fO],
    [0, 0, 0], 3
];
var ExecutionSummaryCluster$ = [3, n0, _ESC,
    0,
    [_cI, _n, _d, _aSC, _aSf],
    [1, 0, 0, 1, () => ExecutionSummaryAffectedSessionList], 5
];
var ExecutionSummaryClusteringResultContent$ = [3, n0, _ESCRC,
    0,
    [_eSx],
    [() => ExecutionSummaryClusterList], 1
];
var ExternalProxy$ = [3, n0, _EP,
    0,
    [_se, _po, _dP, _cr],
    [0, 1, 64 | 0, () => ProxyCredentials$], 2
];
var ExtractionConfig$ = [3, n0, _ECx,
    0,
    [_nV],
    [128 | 0]
];
var ExtractionJob$ = [3, n0, _EJ,
    0,
    [_jI],
    [0], 1
];
var ExtractionJobFilterInput$ = [3, n0, _EJFI,
    0,
    [_sIt, _sI, _aI, _sta],
    [0, 0, 0, 0]
];
var ExtractionJobMetadata$ = [3, n0, _EJM,
    0,
    [_jID, _mes, _sta, _fRa, _sIt, _sI, _aI],
    [0, () => ExtractionJobMessages$, 0, 0, 0, 0, 0], 2
];
var FailureAnalysisResultContent$ = [3, n0, _FARC,
    0,
    [_fa],
    [() => FailureCategoryClusterList], 1
];
var FailureCategoryCluster$ = [3, n0, _FCC,
    0,
    [_cI, _n, _d, _aSC, _sCu],
    [1, 0, 0, 1, () => FailureSubCategoryClusterList], 5
];
var FailureSpanDetail$ = [3, n0, _FSD,
    0,
    [_sIp, _tI, _sig],
    [0, 0, () => InsightsFailureSignalList], 3
];
var FailureSubCategoryCluster$ = [3, n0, _FSCC,
    0,
    [_cI, _n, _d, _aSC, _rC],
    [1, 0, 0, 1, () => RootCauseClusterList], 5
];
var FilterInput$ = [3, n0, _FI,
    0,
    [_b, _eMv],
    [() => BranchFilter$, () => EventMetadataFilterList]
];
var GatewayFilter$ = [3, n0, _GF,
    0,
    [_tP],
    [64 | 0]
];
var GetABTestRequest$ = [3, n0, _GABTR,
    0,
    [_aTI],
    [[0, 1]], 1
];
var GetABTestResponse$ = [3, n0, _GABTRe,
    0,
    [_aTI, _aTA, _n, _sta, _eS, _gA, _va, _eCv, _cA, _uA, _d, _gF, _rA, _cRI, _eD, _sAt, _sAto, _mDEA, _resu],
    [0, 0, 0, 0, 0, 0, () => VariantList, () => ABTestEvaluationConfig$, 4, 4, 0, () => GatewayFilter$, 0, 0, 64 | 0, 4, 4, 4, () => ABTestResults$], 10
];
var GetAgentCardRequest$ = [3, n0, _GACR,
    0,
    [_aRA, _rSI, _q],
    [[0, 1], [0, { [_hH]: _XABARSI, [_iT]: 1 }], [0, { [_hQ]: _q }]], 1
];
var GetAgentCardResponse$ = [3, n0, _GACRe,
    0,
    [_aC, _rSI, _sCt],
    [[15, 16], [0, { [_hH]: _XABARSI }], [1, 32]], 1
];
var GetBatchEvaluationRequest$ = [3, n0, _GBER,
    0,
    [_bEI],
    [[0, 1]], 1
];
var GetBatchEvaluationResponse$ = [3, n0, _GBERe,
    0,
    [_bEI, _bEA, _bEN, _sta, _cA, _ev, _i, _dSC, _oC, _eR, _fAR, _uIR, _eSR, _eD, _d, _uA, _kKA],
    [0, 0, 0, 0, 5, () => EvaluatorList, () => InsightList, () => DataSourceConfig$, () => OutputConfig$, () => EvaluationJobResults$, () => FailureAnalysisResultContent$, () => UserIntentClusteringResultContent$, () => ExecutionSummaryClusteringResultContent$, 64 | 0, 0, 5, 0], 5
];
var GetBrowserSessionRequest$ = [3, n0, _GBSR,
    0,
    [_bI, _sI],
    [[0, 1], [0, { [_hQ]: _sI }]], 2
];
var GetBrowserSessionResponse$ = [3, n0, _GBSRe,
    0,
    [_bI, _sI, _cA, _n, _vP, _ext, _eP, _pC, _sTS, _sta, _str, _pCr, _ce, _fCi, _sRA, _lUA],
    [0, 0, 5, 0, () => ViewPort$, () => BrowserExtensions, () => BrowserEnterprisePolicies, () => BrowserProfileConfiguration$, 1, 0, () => BrowserSessionStream$, () => ProxyConfiguration$, () => Certificates, () => ToolsFileSystemConfigurations, 0, 5], 3
];
var GetCodeInterpreterSessionRequest$ = [3, n0, _GCISR,
    0,
    [_cII, _sI],
    [[0, 1], [0, { [_hQ]: _sI }]], 2
];
var GetCodeInterpreterSessionResponse$ = [3, n0, _GCISRe,
    0,
    [_cII, _sI, _cA, _n, _sTS, _sta, _ce, _fCi],
    [0, 0, 5, 0, 1, 0, () => Certificates, () => ToolsFileSystemConfigurations], 3
];
var GetEventInput$ = [3, n0, _GEI,
    0,
    [_mI, _sI, _aI, _eI],
    [[0, 1], [0, 1], [0, 1], [0, 1]], 4
];
var GetEventOutput$ = [3, n0, _GEO,
    0,
    [_eve],
    [[() => Event$, 0]], 1
];
var GetMemoryRecordInput$ = [3, n0, _GMRI,
    0,
    [_mI, _mRI, _na],
    [[0, 1], [0, 1], [0, { [_hQ]: _na }]], 2
];
var GetMemoryRecordOutput$ = [3, n0, _GMRO,
    0,
    [_mR],
    [[() => MemoryRecord$, 0]], 1
];
var GetPaymentInstrumentBalanceRequest$ = [3, n0, _GPIBR,
    0,
    [_pMA, _pCI, _pII, _ch, _to, _uIs, _aN],
    [0, 0, 0, 0, 0, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }]], 5
];
var GetPaymentInstrumentBalanceResponse$ = [3, n0, _GPIBRe,
    0,
    [_pII, _tB],
    [0, () => TokenBalance$], 2
];
var GetPaymentInstrumentRequest$ = [3, n0, _GPIR,
    0,
    [_pMA, _pII, _uIs, _aN, _pCI],
    [0, 0, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], 0], 2
];
var GetPaymentInstrumentResponse$ = [3, n0, _GPIRe,
    0,
    [_pIa],
    [[() => PaymentInstrument$, 0]], 1
];
var GetPaymentSessionRequest$ = [3, n0, _GPSR,
    0,
    [_pMA, _pSI, _uIs, _aN],
    [0, 0, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }]], 2
];
var GetPaymentSessionResponse$ = [3, n0, _GPSRe,
    0,
    [_pS],
    [() => PaymentSession$], 1
];
var GetRecommendationRequest$ = [3, n0, _GRR,
    0,
    [_rI],
    [[0, 1]], 1
];
var GetRecommendationResponse$ = [3, n0, _GRRe,
    0,
    [_rI, _rAe, _n, _t, _rCe, _sta, _cA, _uA, _d, _rR, _kKA],
    [0, 0, 0, 0, [() => RecommendationConfig$, 0], 0, 5, 5, 0, [() => RecommendationResult$, 0], 0], 8
];
var GetResourceApiKeyRequest$ = [3, n0, _GRAKR,
    0,
    [_wIT, _rCPN],
    [[() => WorkloadIdentityTokenType, 0], 0], 2
];
var GetResourceApiKeyResponse$ = [3, n0, _GRAKRe,
    0,
    [_aK],
    [[() => ApiKeyType, 0]], 1
];
var GetResourceOauth2TokenRequest$ = [3, n0, _GROTR,
    0,
    [_wIT, _rCPN, _sc, _oF, _sUe, _rORU, _fA, _cP, _cSu, _reso, _au],
    [[() => WorkloadIdentityTokenType, 0], 0, 64 | 0, 0, 0, 0, 2, [() => CustomRequestParametersType, 0], [() => State, 0], 64 | 0, 64 | 0], 4
];
var GetResourceOauth2TokenResponse$ = [3, n0, _GROTRe,
    0,
    [_aU, _aTc, _sUe, _sSe],
    [[() => AuthorizationUrlType, 0], [() => AccessTokenType, 0], 0, 0]
];
var GetResourcePaymentTokenRequest$ = [3, n0, _GRPTR,
    0,
    [_wIT, _rCPN, _pTR],
    [[() => WorkloadIdentityTokenType, 0], 0, [() => PaymentTokenRequestInput$, 0]], 3
];
var GetResourcePaymentTokenResponse$ = [3, n0, _GRPTRe,
    0,
    [_pTRa],
    [[() => PaymentTokenResponseOutput$, 0]], 1
];
var GetWorkloadAccessTokenForJWTRequest$ = [3, n0, _GWATFJWTR,
    0,
    [_wN, _uT],
    [0, [() => UserTokenType, 0]], 2
];
var GetWorkloadAccessTokenForJWTResponse$ = [3, n0, _GWATFJWTRe,
    0,
    [_wATo],
    [[() => WorkloadIdentityTokenType, 0]], 1
];
var GetWorkloadAccessTokenForUserIdRequest$ = [3, n0, _GWATFUIR,
    0,
    [_wN, _uIs],
    [0, 0], 2
];
var GetWorkloadAccessTokenForUserIdResponse$ = [3, n0, _GWATFUIRe,
    0,
    [_wATo],
    [[() => WorkloadIdentityTokenType, 0]], 1
];
var GetWorkloadAccessTokenRequest$ = [3, n0, _GWATR,
    0,
    [_wN],
    [0], 1
];
var GetWorkloadAccessTokenResponse$ = [3, n0, _GWATRe,
    0,
    [_wATo],
    [[() => WorkloadIdentityTokenType, 0]], 1
];
var GroundTruthTurn$ = [3, n0, _GTT,
    0,
    [_in, _eRx],
    [() => GroundTruthTurnInput$, () => EvaluationContent$]
];
var HarnessAgentCoreBrowserConfig$ = [3, n0, _HACBC,
    0,
    [_bAr],
    [0]
];
var HarnessAgentCoreCodeInterpreterConfig$ = [3, n0, _HACCIC,
    0,
    [_cIA],
    [0]
];
var HarnessAgentCoreGatewayConfig$ = [3, n0, _HACGC,
    0,
    [_gA, _oA],
    [0, [() => HarnessGatewayOutboundAuth$, 0]], 1
];
var HarnessBedrockModelConfig$ = [3, n0, _HBMC,
    0,
    [_mIo, _mTa, _tem, _tPo, _aF, _aP],
    [0, 1, 1, 1, 0, 15], 1
];
var HarnessContentBlockDeltaEvent$ = [3, n0, _HCBDE,
    0,
    [_cBI, _de],
    [1, [() => HarnessContentBlockDelta$, 0]], 2
];
var HarnessContentBlockStartEvent$ = [3, n0, _HCBSE,
    0,
    [_cBI, _star],
    [1, () => HarnessContentBlockStart$], 2
];
var HarnessContentBlockStopEvent$ = [3, n0, _HCBSEa,
    0,
    [_cBI],
    [1], 1
];
var HarnessGeminiModelConfig$ = [3, n0, _HGMC,
    0,
    [_mIo, _aKA, _mTa, _tem, _tPo, _tK, _aP],
    [0, 0, 1, 1, 1, 1, 15], 2
];
var HarnessHookEvent$ = [3, n0, _HHE,
    0,
    [_hEI, _n, _t, _dec, _r],
    [0, 0, 0, 0, 0], 3
];
var HarnessInlineFunctionConfig$ = [3, n0, _HIFC,
    0,
    [_d, _iS],
    [[() => HarnessInlineFunctionDescription, 0], [() => SensitiveJson, 0]], 2
];
var HarnessLiteLlmModelConfig$ = [3, n0, _HLLMC,
    0,
    [_mIo, _aKA, _aB, _mTa, _tem, _tPo, _aP],
    [0, 0, [() => HarnessLiteLlmApiBase, 0], 1, 1, 1, 15], 1
];
var HarnessMessage$ = [3, n0, _HM,
    0,
    [_ro, _co],
    [0, [() => HarnessContentBlocks, 0]], 2
];
var HarnessMessageStartEvent$ = [3, n0, _HMSE,
    0,
    [_ro],
    [0], 1
];
var HarnessMessageStopEvent$ = [3, n0, _HMSEa,
    0,
    [_sRt],
    [0], 1
];
var HarnessMetadataEvent$ = [3, n0, _HME,
    0,
    [_us, _metr],
    [() => HarnessTokenUsage$, () => HarnessStreamMetrics$], 2
];
var HarnessOpenAiModelConfig$ = [3, n0, _HOAMC,
    0,
    [_mIo, _aKA, _aB, _mTa, _tem, _tPo, _aF, _aP],
    [0, 0, [() => HarnessOpenAiApiBase, 0], 1, 1, 1, 0, 15], 2
];
var HarnessReasoningTextBlock$ = [3, n0, _HRTB,
    8,
    [_te, _sign],
    [0, 0], 1
];
var HarnessRemoteMcpConfig$ = [3, n0, _HRMC,
    0,
    [_url, _h],
    [[() => HarnessRemoteMcpUrl, 0], [() => HttpHeadersMap, 0]], 1
];
var HarnessSkillAwsSkillsSource$ = [3, n0, _HSASS,
    0,
    [_pa],
    [64 | 0]
];
var HarnessSkillGitAuth$ = [3, n0, _HSGA,
    0,
    [_cAr, _use],
    [0, 0], 1
];
var HarnessSkillGitSource$ = [3, n0, _HSGS,
    0,
    [_url, _pat, _aut],
    [0, 0, () => HarnessSkillGitAuth$], 1
];
var HarnessSkillS3Source$ = [3, n0, _HSSS,
    0,
    [_ur],
    [0], 1
];
var HarnessStreamMetrics$ = [3, n0, _HSM,
    0,
    [_lM],
    [1], 1
];
var HarnessTokenUsage$ = [3, n0, _HTU,
    0,
    [_iTn, _oT, _tT, _cRIT, _cWIT],
    [1, 1, 1, 1, 1], 3
];
var HarnessTool$ = [3, n0, _HT,
    0,
    [_t, _n, _conf],
    [0, 0, [() => HarnessToolConfiguration$, 0]], 1
];
var HarnessToolResultBlock$ = [3, n0, _HTRB,
    0,
    [_tUI, _co, _sta, _t],
    [0, [() => HarnessToolResultContentBlocks, 0], 0, 0], 2
];
var HarnessToolResultBlockStart$ = [3, n0, _HTRBS,
    0,
    [_tUI, _sta],
    [0, 0], 1
];
var HarnessToolResultMetadataBlockDelta$ = [3, n0, _HTRMBD,
    0,
    [_met],
    [[() => SensitiveText, 0]], 1
];
var HarnessToolUseBlock$ = [3, n0, _HTUB,
    0,
    [_n, _tUI, _in, _t, _sNe],
    [0, 0, [() => SensitiveJson, 0], 0, 0], 3
];
var HarnessToolUseBlockDelta$ = [3, n0, _HTUBD,
    0,
    [_in],
    [[() => SensitiveText, 0]], 1
];
var HarnessToolUseBlockStart$ = [3, n0, _HTUBS,
    0,
    [_tUI, _n, _t, _sNe],
    [0, 0, 0, 0], 2
];
var IngestDataInput$ = [3, n0, _IDI,
    0,
    [_mI, _so, _cTo, _aI, _sI, _eCx, _met, _cT],
    [[0, 1], [() => ContentSource$, 0], 4, 0, 0, () => ExtractionConfig$, () => MetadataMap, [0, 4]], 4
];
var IngestDataOutput$ = [3, n0, _IDO,
    0,
    [_sI],
    [0], 1
];
var InlineGroundTruth$ = [3, n0, _IGT,
    0,
    [_as, _eTx, _tu],
    [() => EvaluationContentList, () => EvaluationExpectedTrajectory$, () => GroundTruthTurnList]
];
var InlineMemoryContent$ = [3, n0, _IMC,
    0,
    [_p],
    [[() => IngestPayloadList, 0]], 1
];
var InputContentBlock$ = [3, n0, _ICB,
    0,
    [_pat, _te, _bl],
    [0, 0, [() => Body, 0]], 1
];
var Insight$ = [3, n0, _I,
    0,
    [_iI],
    [0], 1
];
var InsightsFailureSignal$ = [3, n0, _IFS,
    0,
    [_ca, _evi, _confi],
    [0, 0, 1], 3
];
var InvokeAgentRuntimeCommandRequest$ = [3, n0, _IARCR,
    0,
    [_aRA, _bo, _cTon, _ac, _rSI, _tI, _tPr, _tS, _ba, _q, _aIc],
    [[0, 1], [() => InvokeAgentRuntimeCommandRequestBody$, 16], [0, { [_hH]: _CT }], [0, { [_hH]: _Ac }], [0, { [_hH]: _XABARSI, [_iT]: 1 }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, { [_hH]: _tra }], [0, { [_hH]: _ba }], [0, { [_hQ]: _q }], [0, { [_hQ]: _aIc }]], 2
];
var InvokeAgentRuntimeCommandRequestBody$ = [3, n0, _IARCRB,
    0,
    [_com, _ti],
    [0, 1], 1
];
var InvokeAgentRuntimeCommandResponse$ = [3, n0, _IARCRn,
    0,
    [_cTon, _stre, _rSI, _tI, _tPr, _tS, _ba, _sCt],
    [[0, { [_hH]: _CT }], [() => InvokeAgentRuntimeCommandStreamOutput$, 16], [0, { [_hH]: _XABARSI }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, { [_hH]: _tra }], [0, { [_hH]: _ba }], [1, 32]], 2
];
var InvokeAgentRuntimeRequest$ = [3, n0, _IARR,
    0,
    [_aRA, _p, _cTon, _ac, _mSI, _rSI, _mPV, _mM, _mNc, _rUI, _tI, _tPr, _tS, _ba, _q, _aIc],
    [[0, 1], [() => Body, 16], [0, { [_hH]: _CT }], [0, { [_hH]: _Ac }], [0, { [_hH]: _MSI }], [0, { [_hH]: _XABARSI, [_iT]: 1 }], [0, { [_hH]: _MPV }], [0, { [_hH]: _MM }], [0, { [_hH]: _MN }], [0, { [_hH]: _XABARUI }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, { [_hH]: _tra }], [0, { [_hH]: _ba }], [0, { [_hQ]: _q }], [0, { [_hQ]: _aIc }]], 2
];
var InvokeAgentRuntimeResponse$ = [3, n0, _IARRn,
    0,
    [_cTon, _rSI, _mSI, _mPV, _tI, _tPr, _tS, _ba, _resp, _sCt],
    [[0, { [_hH]: _CT }], [0, { [_hH]: _XABARSI }], [0, { [_hH]: _MSI }], [0, { [_hH]: _MPV }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, { [_hH]: _tra }], [0, { [_hH]: _ba }], [() => ResponseStream, 16], [1, 32]], 1
];
var InvokeBrowserRequest$ = [3, n0, _IBR,
    0,
    [_bI, _sI, _act],
    [[0, 1], [0, { [_hH]: _xabsi }], () => BrowserAction$], 3
];
var InvokeBrowserResponse$ = [3, n0, _IBRn,
    0,
    [_resul, _sI],
    [() => BrowserActionResult$, [0, { [_hH]: _xabsi }]], 2
];
var InvokeCodeInterpreterRequest$ = [3, n0, _ICIR,
    0,
    [_cII, _n, _sI, _tI, _tPr, _ar],
    [[0, 1], 0, [0, { [_hH]: _xacisi }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [() => ToolArguments$, 0]], 2
];
var InvokeCodeInterpreterResponse$ = [3, n0, _ICIRn,
    0,
    [_stre, _sI],
    [[() => CodeInterpreterStreamOutput$, 16], [0, { [_hH]: _xacisi }]], 1
];
var InvokeHarnessRequest$ = [3, n0, _IHR,
    0,
    [_hA, _rSI, _mes, _q, _rUI, _tPr, _tS, _tI, _ba, _mo, _sP, _too, _sk, _aTl, _mIa, _mTa, _tSi, _aI],
    [[0, { [_hQ]: _hA }], [0, { [_hH]: _XABARSI }], [() => HarnessMessages, 0], [0, { [_hQ]: _q }], [0, { [_hH]: _XABARUI }], [0, { [_hH]: _tr }], [0, { [_hH]: _tra }], [0, { [_hH]: _XATI }], [0, { [_hH]: _ba }], [() => HarnessModelConfiguration$, 0], [() => HarnessSystemPrompt, 0], [() => HarnessTools, 0], () => HarnessSkills, 64 | 0, 1, 1, 1, 0], 3
];
var InvokeHarnessResponse$ = [3, n0, _IHRn,
    0,
    [_stre],
    [[() => InvokeHarnessStreamOutput$, 16]], 1
];
var KeyPressArguments$ = [3, n0, _KPA,
    0,
    [_k, _pr],
    [0, 1], 1
];
var KeyPressResult$ = [3, n0, _KPR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var KeyShortcutArguments$ = [3, n0, _KSA,
    0,
    [_ke],
    [64 | 0], 1
];
var KeyShortcutResult$ = [3, n0, _KSR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var KeyTypeArguments$ = [3, n0, _KTA,
    0,
    [_te],
    [0], 1
];
var KeyTypeResult$ = [3, n0, _KTR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var LinkedAccountDeveloperJwt$ = [3, n0, _LADJ,
    0,
    [_ki, _su],
    [0, 0], 2
];
var LinkedAccountEmail$ = [3, n0, _LAE,
    8,
    [_eAm],
    [[() => Email, 0]], 1
];
var LinkedAccountSms$ = [3, n0, _LAS,
    8,
    [_pNh],
    [[() => PhoneNumber, 0]], 1
];
var ListABTestsRequest$ = [3, n0, _LABTR,
    0,
    [_mRa, _nT],
    [[1, { [_hQ]: _mRa }], [0, { [_hQ]: _nT }]]
];
var ListABTestsResponse$ = [3, n0, _LABTRi,
    0,
    [_aTb, _nT],
    [() => ABTestSummaryList, 0], 1
];
var ListActorsInput$ = [3, n0, _LAI,
    0,
    [_mI, _mRa, _nT],
    [[0, 1], 1, 0], 1
];
var ListActorsOutput$ = [3, n0, _LAO,
    0,
    [_aSc, _nT],
    [() => ActorSummaryList, 0], 1
];
var ListBatchEvaluationsRequest$ = [3, n0, _LBER,
    0,
    [_mRa, _nT],
    [[1, { [_hQ]: _mRa }], [0, { [_hQ]: _nT }]]
];
var ListBatchEvaluationsResponse$ = [3, n0, _LBERi,
    0,
    [_bE, _nT],
    [() => BatchEvaluationSummaryList, 0], 1
];
var ListBrowserSessionsRequest$ = [3, n0, _LBSR,
    0,
    [_bI, _mRa, _nT, _sta],
    [[0, 1], 1, 0, 0], 1
];
var ListBrowserSessionsResponse$ = [3, n0, _LBSRi,
    0,
    [_it, _nT],
    [() => BrowserSessionSummaries, 0], 1
];
var ListCodeInterpreterSessionsRequest$ = [3, n0, _LCISR,
    0,
    [_cII, _mRa, _nT, _sta],
    [[0, 1], 1, 0, 0], 1
];
var ListCodeInterpreterSessionsResponse$ = [3, n0, _LCISRi,
    0,
    [_it, _nT],
    [() => CodeInterpreterSessionSummaries, 0], 1
];
var ListEventsInput$ = [3, n0, _LEI,
    0,
    [_mI, _sI, _aI, _iP, _fi, _mRa, _nT],
    [[0, 1], [0, 1], [0, 1], 2, () => FilterInput$, 1, 0], 3
];
var ListEventsOutput$ = [3, n0, _LEO,
    0,
    [_even, _nT],
    [[() => EventList, 0], 0], 1
];
var ListMemoryExtractionJobsInput$ = [3, n0, _LMEJI,
    0,
    [_mI, _mRa, _fi, _nT],
    [[0, 1], 1, () => ExtractionJobFilterInput$, 0], 1
];
var ListMemoryExtractionJobsOutput$ = [3, n0, _LMEJO,
    0,
    [_j, _nT],
    [() => ExtractionJobMetadataList, 0], 1
];
var ListMemoryRecordsInput$ = [3, n0, _LMRI,
    0,
    [_mI, _na, _nP, _mSIe, _mRa, _nT, _mF],
    [[0, 1], 0, 0, 0, 1, 0, () => MemoryMetadataFilterList], 1
];
var ListMemoryRecordsOutput$ = [3, n0, _LMRO,
    0,
    [_mRS, _nT],
    [[() => MemoryRecordSummaryList, 0], 0], 1
];
var ListPaymentInstrumentsRequest$ = [3, n0, _LPIR,
    0,
    [_pMA, _uIs, _aN, _pCI, _nT, _mRa],
    [0, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], 0, 0, 1], 1
];
var ListPaymentInstrumentsResponse$ = [3, n0, _LPIRi,
    0,
    [_pIay, _nT],
    [() => PaymentInstrumentSummaryList, 0], 1
];
var ListPaymentSessionsRequest$ = [3, n0, _LPSR,
    0,
    [_pMA, _uIs, _aN, _nT, _mRa],
    [0, [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], 0, 1], 1
];
var ListPaymentSessionsResponse$ = [3, n0, _LPSRi,
    0,
    [_pSa, _nT],
    [() => PaymentSessionSummaryList, 0], 1
];
var ListRecommendationsRequest$ = [3, n0, _LRR,
    0,
    [_mRa, _nT, _sF],
    [[1, { [_hQ]: _mRa }], [0, { [_hQ]: _nT }], [0, { [_hQ]: _sta }]]
];
var ListRecommendationsResponse$ = [3, n0, _LRRi,
    0,
    [_rS, _nT],
    [() => RecommendationSummaryList, 0], 1
];
var ListSessionsInput$ = [3, n0, _LSI,
    0,
    [_mI, _aI, _mRa, _nT, _fi],
    [[0, 1], [0, 1], 1, 0, () => SessionFilter$], 2
];
var ListSessionsOutput$ = [3, n0, _LSO,
    0,
    [_sSes, _nT],
    [() => SessionSummaryList, 0], 1
];
var LiveViewStream$ = [3, n0, _LVS,
    0,
    [_sE],
    [0]
];
var McpDescriptor$ = [3, n0, _MDc,
    0,
    [_se, _too],
    [() => ServerDefinition$, () => ToolsDefinition$], 2
];
var MemoryJsonData$ = [3, n0, _MJD,
    8,
    [_co],
    [[() => MemoryJsonDataContent, 0]], 1
];
var MemoryMetadataFilterExpression$ = [3, n0, _MMFE,
    0,
    [_le, _o, _ri],
    [() => MemoryRecordLeftExpression$, 0, () => MemoryRecordRightExpression$], 2
];
var MemoryRecord$ = [3, n0, _MR,
    0,
    [_mRI, _co, _mSIe, _nam, _cA, _met],
    [0, [() => MemoryContent$, 0], 0, 64 | 0, 4, () => MemoryRecordMetadataMap], 5
];
var MemoryRecordCreateInput$ = [3, n0, _MRCI,
    0,
    [_rIe, _nam, _co, _tim, _mSIe, _met],
    [0, 64 | 0, [() => MemoryContent$, 0], 4, 0, () => MemoryRecordMetadataMap], 4
];
var MemoryRecordDeleteInput$ = [3, n0, _MRDI,
    0,
    [_mRI, _na],
    [0, 0], 1
];
var MemoryRecordOutput$ = [3, n0, _MRO,
    0,
    [_mRI, _sta, _rIe, _eCr, _eMr],
    [0, 0, 0, 1, 0], 2
];
var MemoryRecordSummary$ = [3, n0, _MRS,
    0,
    [_mRI, _co, _mSIe, _nam, _cA, _sco, _met],
    [0, [() => MemoryContent$, 0], 0, 64 | 0, 4, 1, () => MemoryRecordMetadataMap], 5
];
var MemoryRecordUpdateInput$ = [3, n0, _MRUI,
    0,
    [_mRI, _tim, _co, _nam, _sNo, _mSIe, _met],
    [0, 4, [() => MemoryContent$, 0], 64 | 0, 64 | 0, 0, () => MemoryRecordMetadataMap], 2
];
var MessageMetadata$ = [3, n0, _MMe,
    0,
    [_eI, _mIe],
    [0, 1], 2
];
var MouseClickArguments$ = [3, n0, _MCA,
    0,
    [_x, _y, _bu, _cC],
    [1, 1, 0, 1], 2
];
var MouseClickResult$ = [3, n0, _MCR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var MouseDragArguments$ = [3, n0, _MDA,
    0,
    [_eX, _eY, _sX, _sY, _bu],
    [1, 1, 1, 1, 0], 4
];
var MouseDragResult$ = [3, n0, _MDR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var MouseMoveArguments$ = [3, n0, _MMA,
    0,
    [_x, _y],
    [1, 1], 2
];
var MouseMoveResult$ = [3, n0, _MMR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var MouseScrollArguments$ = [3, n0, _MSA,
    0,
    [_x, _y, _dX, _dY],
    [1, 1, 1, 1], 2
];
var MouseScrollResult$ = [3, n0, _MSR,
    0,
    [_sta, _e],
    [0, 0], 1
];
var MppPaymentInput$ = [3, n0, _MPI,
    0,
    [_ve, _wAH, _bPGF],
    [0, 64 | 0, 2], 2
];
var MppPaymentOutput$ = [3, n0, _MPO,
    0,
    [_ve, _sPI, _pCa],
    [0, 0, [() => MppPaymentCredential, 0]], 3
];
var OAuth2Authentication$ = [3, n0, _OAA,
    8,
    [_su, _eAm, _n, _use],
    [0, [() => Email, 0], 0, 0], 1
];
var OAuthCredentialProvider$ = [3, n0, _OACP,
    0,
    [_pA, _sc, _cP, _gT, _dRU],
    [0, 64 | 0, [() => OAuthCustomParameters, 0], 0, 0], 2
];
var OnlineEvaluationConfigSource$ = [3, n0, _OECS,
    0,
    [_oECA, _tR],
    [0, () => SessionFilterConfig$], 1
];
var OnlineEvaluationTraceConfig$ = [3, n0, _OETC,
    0,
    [_oECA, _sT, _eT],
    [0, 5, 5], 3
];
var PaymentInstrument$ = [3, n0, _PI,
    0,
    [_pII, _pMA, _pCI, _uIs, _pIT, _pID, _cA, _sta, _uA],
    [0, 0, 0, 0, 0, [() => PaymentInstrumentDetails$, 0], 5, 0, 5], 9
];
var PaymentInstrumentSummary$ = [3, n0, _PIS,
    0,
    [_pII, _pMA, _pCI, _uIs, _pIT, _sta, _cA, _uA],
    [0, 0, 0, 0, 0, 0, 5, 5], 8
];
var PaymentSession$ = [3, n0, _PS,
    0,
    [_pSI, _pMA, _uIs, _eTIM, _cA, _uA, _li, _aL],
    [0, 0, 0, 1, 5, 5, () => SessionLimits$, () => AvailableLimits$], 6
];
var PaymentSessionSummary$ = [3, n0, _PSS,
    0,
    [_pSI, _pMA, _uIs, _eTIM, _cA, _uA],
    [0, 0, 0, 1, 5, 5], 6
];
var PerVariantOnlineEvaluationConfig$ = [3, n0, _PVOEC,
    0,
    [_n, _oECA],
    [0, 0], 2
];
var ProcessPaymentRequest$ = [3, n0, _PPR,
    0,
    [_pMA, _pSI, _pII, _pT, _pIaym, _uIs, _aN, _cT],
    [0, 0, 0, 0, [() => PaymentInput$, 0], [0, { [_hH]: _XABAPUI }], [0, { [_hH]: _XABAPAN }], [0, 4]], 5
];
var ProcessPaymentResponse$ = [3, n0, _PPRr,
    0,
    [_pPI, _pMA, _pSI, _pII, _pT, _sta, _pO, _cA, _uA],
    [0, 0, 0, 0, 0, 0, [() => PaymentOutput$, 0], 5, 5], 9
];
var ProxyBypass$ = [3, n0, _PB,
    0,
    [_dP],
    [64 | 0]
];
var ProxyConfiguration$ = [3, n0, _PC,
    0,
    [_pro, _by],
    [() => Proxies, () => ProxyBypass$], 1
];
var RecommendationEvaluationConfig$ = [3, n0, _REC,
    0,
    [_ev],
    [() => RecommendationEvaluatorList], 1
];
var RecommendationEvaluatorReference$ = [3, n0, _RER,
    0,
    [_eA],
    [0], 1
];
var RecommendationResultConfigurationBundle$ = [3, n0, _RRCB,
    0,
    [_bA, _vI],
    [0, 0], 2
];
var RecommendationSummary$ = [3, n0, _RSe,
    0,
    [_rI, _rAe, _n, _t, _sta, _cA, _uA, _d],
    [0, 0, 0, 0, 0, 5, 5, 0], 7
];
var RegistryRecordSummary$ = [3, n0, _RRS,
    0,
    [_rAeg, _rAec, _rIec, _n, _dT, _des, _ve, _sta, _cA, _uA, _d],
    [0, 0, 0, 0, 0, () => Descriptors$, 0, 0, 5, 5, [() => Description, 0]], 10
];
var ResourceContent$ = [3, n0, _RC,
    0,
    [_t, _ur, _mT, _te, _bl],
    [0, 0, 0, 0, 21], 1
];
var ResponseChunk$ = [3, n0, _RCe,
    0,
    [_cSo, _cD, _cSon],
    [() => ContentStartEvent$, () => ContentDeltaEvent$, () => ContentStopEvent$]
];
var RetrieveMemoryRecordsInput$ = [3, n0, _RMRI,
    0,
    [_mI, _sCe, _na, _nP, _nT, _mRa],
    [[0, 1], [() => SearchCriteria$, 0], 0, 0, 0, 1], 2
];
var RetrieveMemoryRecordsOutput$ = [3, n0, _RMRO,
    0,
    [_mRS, _nT],
    [[() => MemoryRecordSummaryList, 0], 0], 1
];
var RootCauseCluster$ = [3, n0, _RCC,
    0,
    [_cI, _n, _rCo, _re, _aSC, _aSf],
    [1, 0, 0, 0, 1, () => AffectedSessionList], 6
];
var S3FilesConfiguration$ = [3, n0, _SFC,
    0,
    [_aPA, _mP, _fSA],
    [0, 0, 0], 3
];
var S3Location$ = [3, n0, _SL,
    0,
    [_buc, _pre, _vI],
    [0, 0, 0], 2
];
var SaveBrowserSessionProfileRequest$ = [3, n0, _SBSPR,
    0,
    [_pI, _bI, _sI, _tI, _tPr, _cT],
    [[0, 1], 0, 0, [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, 4]], 3
];
var SaveBrowserSessionProfileResponse$ = [3, n0, _SBSPRa,
    0,
    [_pI, _bI, _sI, _lUA],
    [0, 0, 0, 5], 4
];
var ScreenshotArguments$ = [3, n0, _SA,
    0,
    [_fo],
    [0]
];
var ScreenshotResult$ = [3, n0, _SR,
    0,
    [_sta, _e, _da],
    [0, 0, 21], 1
];
var SearchCriteria$ = [3, n0, _SC,
    0,
    [_sQ, _mSIe, _tK, _mF],
    [[() => SensitiveString, 0], 0, 1, () => MemoryMetadataFilterList], 1
];
var SearchRegistryRecordsRequest$ = [3, n0, _SRRR,
    0,
    [_sQ, _rIeg, _mRa, _f],
    [0, 64 | 0, 1, 15], 2
];
var SearchRegistryRecordsResponse$ = [3, n0, _SRRRe,
    0,
    [_rRe],
    [[() => RegistryRecordSummaryList, 0]], 1
];
var SecretsManagerLocation$ = [3, n0, _SML,
    0,
    [_sA],
    [0], 1
];
var ServerDefinition$ = [3, n0, _SD,
    0,
    [_sV, _iC],
    [0, 0]
];
var SessionFilter$ = [3, n0, _SF,
    0,
    [_eF],
    [0]
];
var SessionFilterConfig$ = [3, n0, _SFCe,
    0,
    [_sT, _eT],
    [5, 5]
];
var SessionLimits$ = [3, n0, _SLe,
    0,
    [_mSA],
    [() => Amount$], 1
];
var SessionMetadataShape$ = [3, n0, _SMS,
    0,
    [_sI, _tSI, _gTr, _met],
    [0, 0, () => GroundTruthSource$, 128 | 0], 1
];
var SessionSummary$ = [3, n0, _SSe,
    0,
    [_sI, _aI, _cA],
    [0, 0, 4], 3
];
var SessionTraceIds$ = [3, n0, _STI,
    0,
    [_sI, _tIr],
    [0, 64 | 0], 2
];
var SkillDefinition$ = [3, n0, _SDk,
    0,
    [_sV, _iC],
    [0, 0]
];
var SkillMdDefinition$ = [3, n0, _SMD,
    0,
    [_iC],
    [0]
];
var SpanContext$ = [3, n0, _SCp,
    0,
    [_sI, _tI, _sIp],
    [0, 0, 0], 1
];
var StartBatchEvaluationRequest$ = [3, n0, _SBER,
    0,
    [_bEN, _dSC, _ev, _i, _cT, _eMva, _ta, _kKA, _d, _oC],
    [0, () => DataSourceConfig$, () => EvaluatorList, () => InsightList, [0, 4], () => EvaluationMetadata$, 128 | 0, 0, 0, () => OutputConfig$], 2
];
var StartBatchEvaluationResponse$ = [3, n0, _SBERt,
    0,
    [_bEI, _bEA, _bEN, _sta, _cA, _ev, _i, _oC, _ta, _kKA, _d],
    [0, 0, 0, 0, 5, () => EvaluatorList, () => InsightList, () => OutputConfig$, 128 | 0, 0, 0], 5
];
var StartBrowserSessionRequest$ = [3, n0, _SBSR,
    0,
    [_bI, _tI, _tPr, _n, _sTS, _vP, _ext, _pC, _pCr, _eP, _ce, _fCi, _cT],
    [[0, 1], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], 0, 1, () => ViewPort$, () => BrowserExtensions, () => BrowserProfileConfiguration$, () => ProxyConfiguration$, () => BrowserEnterprisePolicies, () => Certificates, () => ToolsFileSystemConfigurations, [0, 4]], 1
];
var StartBrowserSessionResponse$ = [3, n0, _SBSRt,
    0,
    [_bI, _sI, _cA, _str],
    [0, 0, 5, () => BrowserSessionStream$], 3
];
var StartCodeInterpreterSessionRequest$ = [3, n0, _SCISR,
    0,
    [_cII, _tI, _tPr, _n, _sTS, _ce, _fCi, _cT],
    [[0, 1], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], 0, 1, () => Certificates, () => ToolsFileSystemConfigurations, [0, 4]], 1
];
var StartCodeInterpreterSessionResponse$ = [3, n0, _SCISRt,
    0,
    [_cII, _sI, _cA],
    [0, 0, 5], 3
];
var StartMemoryExtractionJobInput$ = [3, n0, _SMEJI,
    0,
    [_mI, _eJ, _cT],
    [[0, 1], () => ExtractionJob$, [0, 4]], 2
];
var StartMemoryExtractionJobOutput$ = [3, n0, _SMEJO,
    0,
    [_jI],
    [0], 1
];
var StartRecommendationRequest$ = [3, n0, _SRR,
    0,
    [_n, _t, _rCe, _d, _kKA, _cT, _ta],
    [0, 0, [() => RecommendationConfig$, 0], 0, 0, [0, 4], 128 | 0], 3
];
var StartRecommendationResponse$ = [3, n0, _SRRt,
    0,
    [_rI, _rAe, _n, _t, _rCe, _sta, _cA, _uA, _d],
    [0, 0, 0, 0, [() => RecommendationConfig$, 0], 0, 5, 5, 0], 8
];
var StopBatchEvaluationRequest$ = [3, n0, _SBERto,
    0,
    [_bEI],
    [[0, 1]], 1
];
var StopBatchEvaluationResponse$ = [3, n0, _SBERtop,
    0,
    [_bEI, _bEA, _sta, _d],
    [0, 0, 0, 0], 3
];
var StopBrowserSessionRequest$ = [3, n0, _SBSRto,
    0,
    [_bI, _sI, _tI, _tPr, _cT],
    [[0, 1], [0, { [_hQ]: _sI }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, 4]], 2
];
var StopBrowserSessionResponse$ = [3, n0, _SBSRtop,
    0,
    [_bI, _sI, _lUA],
    [0, 0, 5], 3
];
var StopCodeInterpreterSessionRequest$ = [3, n0, _SCISRto,
    0,
    [_cII, _sI, _tI, _tPr, _cT],
    [[0, 1], [0, { [_hQ]: _sI }], [0, { [_hH]: _XATI }], [0, { [_hH]: _tr }], [0, 4]], 2
];
var StopCodeInterpreterSessionResponse$ = [3, n0, _SCISRtop,
    0,
    [_cII, _sI, _lUA],
    [0, 0, 5], 3
];
var StopRuntimeSessionRequest$ = [3, n0, _SRSR,
    0,
    [_rSI, _aRA, _q, _cT],
    [[0, { [_hH]: _XABARSI }], [0, 1], [0, { [_hQ]: _q }], [0, 4]], 2
];
var StopRuntimeSessionResponse$ = [3, n0, _SRSRt,
    0,
    [_rSI, _sCt],
    [[0, { [_hH]: _XABARSI }], [1, 32]]
];
var StripePrivyTokenRequestInput$ = [3, n0, _SPTRI,
    0,
    [_rP, _rB, _rH, _iAS],
    [0, [() => StripePrivyRequestBodyType, 0], 0, 2], 2
];
var StripePrivyTokenResponseOutput$ = [3, n0, _SPTRO,
    0,
    [_aIp, _bAT, _aSu, _rE],
    [0, [() => StripePrivyBasicAuthTokenType, 0], [() => StripePrivyAuthorizationSignatureType, 0], 1], 2
];
var SystemPromptConfigurationBundle$ = [3, n0, _SPCB,
    0,
    [_bA, _vI, _sPJP],
    [0, 0, 0], 3
];
var SystemPromptRecommendationConfig$ = [3, n0, _SPRC,
    0,
    [_sP, _aTg, _eCv],
    [[() => SystemPromptConfig$, 0], [() => AgentTracesConfig$, 0], () => RecommendationEvaluationConfig$], 2
];
var SystemPromptRecommendationResult$ = [3, n0, _SPRR,
    0,
    [_rSP, _cB, _ex, _eCr, _eMr],
    [[() => SystemPromptText, 0], () => RecommendationResultConfigurationBundle$, 0, 0, 0]
];
var TargetRef$ = [3, n0, _TR,
    0,
    [_n],
    [0], 1
];
var TokenBalance$ = [3, n0, _TB,
    0,
    [_am, _deci, _to, _ne, _ch],
    [0, 1, 0, 0, 0], 5
];
var TokenUsage$ = [3, n0, _TU,
    0,
    [_iTn, _oT, _tT],
    [1, 1, 1]
];
var ToolArguments$ = [3, n0, _TA,
    0,
    [_cod, _lan, _cCl, _com, _pat, _pa, _co, _dPi, _tIa, _run],
    [0, 0, 2, 0, 0, 64 | 0, [() => InputContentBlockList, 0], 0, 0, 0]
];
var ToolDescriptionConfigurationBundle$ = [3, n0, _TDCB,
    0,
    [_bA, _vI, _too],
    [0, 0, () => ConfigurationBundleToolEntryList], 3
];
var ToolDescriptionInput$ = [3, n0, _TDI,
    0,
    [_tN, _tD],
    [0, [() => ToolDescriptionConfig$, 0]], 2
];
var ToolDescriptionOutput$ = [3, n0, _TDO,
    0,
    [_tN, _rTD, _ex],
    [0, [() => ToolDescriptionText, 0], 0], 1
];
var ToolDescriptionRecommendationConfig$ = [3, n0, _TDRC,
    0,
    [_tD, _aTg],
    [[() => ToolDescriptionSource$, 0], [() => AgentTracesConfig$, 0]], 2
];
var ToolDescriptionRecommendationResult$ = [3, n0, _TDRR,
    0,
    [_too, _cB, _eCr, _eMr],
    [[() => ToolDescriptionResultList, 0], () => RecommendationResultConfigurationBundle$, 0, 0]
];
var ToolDescriptionTextInput$ = [3, n0, _TDTI,
    0,
    [_too],
    [[() => ToolDescriptionList, 0]], 1
];
var ToolResultStructuredContent$ = [3, n0, _TRSC,
    0,
    [_tIa, _tSa, _std, _stde, _eC, _eTxe],
    [0, 0, 0, 0, 1, 1]
];
var ToolsDefinition$ = [3, n0, _TD,
    0,
    [_pV, _iC],
    [0, 0]
];
var UpdateABTestRequest$ = [3, n0, _UABTR,
    0,
    [_aTI, _cT, _n, _d, _va, _gF, _eCv, _rA, _eS],
    [[0, 1], [0, 4], 0, 0, () => VariantList, () => GatewayFilter$, () => ABTestEvaluationConfig$, 0, 0], 1
];
var UpdateABTestResponse$ = [3, n0, _UABTRp,
    0,
    [_aTI, _aTA, _sta, _eS, _uA],
    [0, 0, 0, 0, 4], 5
];
var UpdateBrowserStreamRequest$ = [3, n0, _UBSR,
    0,
    [_bI, _sI, _sUt, _cT],
    [[0, 1], [0, { [_hQ]: _sI }], () => StreamUpdate$, [0, 4]], 3
];
var UpdateBrowserStreamResponse$ = [3, n0, _UBSRp,
    0,
    [_bI, _sI, _str, _uA],
    [0, 0, () => BrowserSessionStream$, 5], 4
];
var UserIntentAffectedSession$ = [3, n0, _UIAS,
    0,
    [_sI, _uM],
    [0, 64 | 0], 2
];
var UserIntentCluster$ = [3, n0, _UIC,
    0,
    [_cI, _n, _d, _aSC, _aSf],
    [1, 0, 0, 1, () => UserIntentAffectedSessionList], 5
];
var UserIntentClusteringResultContent$ = [3, n0, _UICRC,
    0,
    [_uIse],
    [() => UserIntentClusterList], 1
];
var ValidationExceptionField$ = [3, n0, _VEF,
    0,
    [_n, _m],
    [0, 0], 2
];
var Variant$ = [3, n0, _V,
    0,
    [_n, _w, _vC],
    [0, 1, () => VariantConfiguration$], 3
];
var VariantConfiguration$ = [3, n0, _VC,
    0,
    [_cB, _tar],
    [() => ConfigurationBundleRef$, () => TargetRef$]
];
var VariantResult$ = [3, n0, _VR,
    0,
    [_vN, _sSa, _me, _iSs, _aCb, _pCe, _pVa, _cIo],
    [0, 1, 1, 2, 1, 1, 1, () => ConfidenceInterval$], 4
];
var ViewPort$ = [3, n0, _VP,
    0,
    [_wi, _he],
    [1, 1], 2
];
var __Unit = "unit";
var ABTestSummaryList = [1, n0, _ABTSL,
    0, () => ABTestSummary$
];
var ActorSummaryList = [1, n0, _ASL,
    0, () => ActorSummary$
];
var AffectedSessionList = [1, n0, _ASLf,
    0, () => AffectedSession$
];
var BatchEvaluationSummaryList = [1, n0, _BESL,
    0, () => BatchEvaluationSummary$
];
var BrowserEnterprisePolicies = [1, n0, _BEPr,
    0, () => BrowserEnterprisePolicy$
];
var BrowserExtensions = [1, n0, _BEr,
    0, () => BrowserExtension$
];
var BrowserSessionSummaries = [1, n0, _BSSro,
    0, () => BrowserSessionSummary$
];
var Certificates = [1, n0, _Ce,
    0, () => Certificate$
];
var CloudWatchLogsFilterList = [1, n0, _CWLFL,
    0, () => CloudWatchLogsFilter$
];
var CodeInterpreterSessionSummaries = [1, n0, _CISSo,
    0, () => CodeInterpreterSessionSummary$
];
var ConfigurationBundleToolEntryList = [1, n0, _CBTEL,
    0, () => ConfigurationBundleToolEntry$
];
var ContentBlockList = [1, n0, _CBL,
    0, () => ContentBlock$
];
var EvaluationContentList = [1, n0, _ECL,
    0, () => EvaluationContent$
];
var EvaluationReferenceInputs = [1, n0, _ERIv,
    8, () => EvaluationReferenceInput$
];
var EvaluationResults = [1, n0, _ERva,
    0, [() => EvaluationResultContent$,
        0]
];
var EvaluatorList = [1, n0, _EL,
    0, () => Evaluator$
];
var EvaluatorMetricList = [1, n0, _EML,
    0, () => EvaluatorMetric$
];
var EvaluatorSummaryList = [1, n0, _ESL,
    0, () => EvaluatorSummary$
];
var EventList = [1, n0, _ELv,
    0, [() => Event$,
        0]
];
var EventMetadataFilterList = [1, n0, _EMFL,
    0, () => EventMetadataFilterExpression$
];
var ExecutionSummaryAffectedSessionList = [1, n0, _ESASL,
    0, () => ExecutionSummaryAffectedSession$
];
var ExecutionSummaryClusterList = [1, n0, _ESCL,
    0, () => ExecutionSummaryCluster$
];
var ExtractionJobMetadataList = [1, n0, _EJML,
    0, () => ExtractionJobMetadata$
];
var FailureCategoryClusterList = [1, n0, _FCCL,
    0, () => FailureCategoryCluster$
];
var FailureSpanDetailList = [1, n0, _FSDL,
    0, () => FailureSpanDetail$
];
var FailureSubCategoryClusterList = [1, n0, _FSCCL,
    0, () => FailureSubCategoryCluster$
];
var GroundTruthTurnList = [1, n0, _GTTL,
    0, () => GroundTruthTurn$
];
var HarnessContentBlocks = [1, n0, _HCB,
    0, [() => HarnessContentBlock$,
        0]
];
var HarnessMessages = [1, n0, _HMa,
    0, [() => HarnessMessage$,
        0]
];
var HarnessSkills = [1, n0, _HS,
    0, () => HarnessSkill$
];
var HarnessSystemPrompt = [1, n0, _HSP,
    0, [() => HarnessSystemContentBlock$,
        0]
];
var HarnessToolResultBlocksDelta = [1, n0, _HTRBD,
    0, [() => HarnessToolResultBlockDelta$,
        0]
];
var HarnessToolResultContentBlocks = [1, n0, _HTRCB,
    0, [() => HarnessToolResultContentBlock$,
        0]
];
var HarnessTools = [1, n0, _HTa,
    0, [() => HarnessTool$,
        0]
];
var IngestPayloadList = [1, n0, _IPL,
    0, [() => IngestPayloadType$,
        0]
];
var InputContentBlockList = [1, n0, _ICBL,
    0, [() => InputContentBlock$,
        0]
];
var InsightList = [1, n0, _IL,
    0, () => Insight$
];
var InsightsFailureSignalList = [1, n0, _IFSL,
    0, () => InsightsFailureSignal$
];
var LinkedAccountList = [1, n0, _LAL,
    0, [() => LinkedAccount$,
        0]
];
var MemoryMetadataFilterList = [1, n0, _MMFL,
    0, () => MemoryMetadataFilterExpression$
];
var MemoryRecordsCreateInputList = [1, n0, _MRCIL,
    0, [() => MemoryRecordCreateInput$,
        0]
];
var MemoryRecordsDeleteInputList = [1, n0, _MRDIL,
    0, () => MemoryRecordDeleteInput$
];
var MemoryRecordsOutputList = [1, n0, _MROL,
    0, () => MemoryRecordOutput$
];
var MemoryRecordSummaryList = [1, n0, _MRSL,
    0, [() => MemoryRecordSummary$,
        0]
];
var MemoryRecordsUpdateInputList = [1, n0, _MRUIL,
    0, [() => MemoryRecordUpdateInput$,
        0]
];
var MessagesList = [1, n0, _ML,
    0, () => MessageMetadata$
];
var PayloadTypeList = [1, n0, _PTL,
    0, [() => PayloadType$,
        0]
];
var PaymentInstrumentSummaryList = [1, n0, _PISL,
    0, () => PaymentInstrumentSummary$
];
var PaymentSessionSummaryList = [1, n0, _PSSL,
    0, () => PaymentSessionSummary$
];
var PerVariantOnlineEvaluationConfigList = [1, n0, _PVOECL,
    0, () => PerVariantOnlineEvaluationConfig$
];
var Proxies = [1, n0, _P,
    0, () => Proxy$
];
var RecommendationEvaluatorList = [1, n0, _REL,
    0, () => RecommendationEvaluatorReference$
];
var RecommendationSummaryList = [1, n0, _RSL,
    0, () => RecommendationSummary$
];
var RegistryRecordSummaryList = [1, n0, _RRSL,
    0, [() => RegistryRecordSummary$,
        0]
];
var RootCauseClusterList = [1, n0, _RCCL,
    0, () => RootCauseCluster$
];
var SessionMetadataList = [1, n0, _SMLe,
    0, () => SessionMetadataShape$
];
var SessionSummaryList = [1, n0, _SSL,
    0, () => SessionSummary$
];
var SessionTraceIdsList = [1, n0, _STIL,
    0, () => SessionTraceIds$
];
var Spans = [1, n0, _Sp,
    8, 15
];
var ToolDescriptionList = [1, n0, _TDL,
    0, [() => ToolDescriptionInput$,
        0]
];
var ToolDescriptionResultList = [1, n0, _TDRL,
    0, [() => ToolDescriptionOutput$,
        0]
];
var ToolsFileSystemConfigurations = [1, n0, _TFSC,
    0, () => ToolsFileSystemConfiguration$
];
var UserIntentAffectedSessionList = [1, n0, _UIASL,
    0, () => UserIntentAffectedSession$
];
var UserIntentClusterList = [1, n0, _UICL,
    0, () => UserIntentCluster$
];
var ValidationExceptionFieldList = [1, n0, _VEFL,
    0, () => ValidationExceptionField$
];
var VariantList = [1, n0, _VL,
    0, () => Variant$
];
var VariantResultList = [1, n0, _VRL,
    0, () => VariantResult$
];
var CustomRequestParametersType = [2, n0, _CRPT,
    0, [0,
        0],
    [() => CustomRequestValueType,
        0]
];
var HttpHeadersMap = [2, n0, _HHM,
    8, 0, 0
];
var MemoryRecordMetadataMap = [2, n0, _MRMM,
    0, 0, () => MemoryRecordMetadataValue$
];
var MetadataMap = [2, n0, _MMet,
    0, 0, () => MetadataValue$
];
var OAuthCustomParameters = [2, n0, _OACPu,
    0, [0,
        0],
    [() => OAuthCustomParametersValue,
        0]
];
var ABTestEvaluationConfig$ = [4, n0, _ABTEC,
    0,
    [_oECA, _pVOEC],
    [0, () => PerVariantOnlineEvaluationConfigList]
];
var AgentTracesConfig$ = [4, n0, _ATC,
    0,
    [_sSess, _cL, _bEa, _oE],
    [[() => Spans, 0], () => CloudWatchLogsTraceConfig$, () => BatchEvaluationTraceConfig$, () => OnlineEvaluationTraceConfig$]
];
var BrowserAction$ = [4, n0, _BAr,
    0,
    [_mC, _mMo, _mD, _mS, _kT, _kP, _kS, _scr],
    [() => MouseClickArguments$, () => MouseMoveArguments$, () => MouseDragArguments$, () => MouseScrollArguments$, () => KeyTypeArguments$, () => KeyPressArguments$, () => KeyShortcutArguments$, () => ScreenshotArguments$]
];
var BrowserActionResult$ = [4, n0, _BAR,
    0,
    [_mC, _mMo, _mD, _mS, _kT, _kP, _kS, _scr],
    [() => MouseClickResult$, () => MouseMoveResult$, () => MouseDragResult$, () => MouseScrollResult$, () => KeyTypeResult$, () => KeyPressResult$, () => KeyShortcutResult$, () => ScreenshotResult$]
];
var CertificateLocation$ = [4, n0, _CL,
    0,
    [_sMe],
    [() => SecretsManagerLocation$]
];
var CodeInterpreterStreamOutput$ = [4, n0, _CISO,
    { [_st]: 1 },
    [_resul, _aDE, _cE, _iSE, _rNFE, _sQEE, _tEh, _vE],
    [() => CodeInterpreterResult$, [() => AccessDeniedException$, 0], [() => ConflictException$, 0], [() => InternalServerException$, 0], [() => ResourceNotFoundException$, 0], [() => ServiceQuotaExceededException$, 0], [() => ThrottlingException$, 0], [() => ValidationException$, 0]]
];
var Content$ = [4, n0, _Con,
    0,
    [_te],
    [[() => SensitiveString, 0]]
];
var ContentSource$ = [4, n0, _CSo,
    0,
    [_inl],
    [[() => InlineMemoryContent$, 0]]
];
var Context$ = [4, n0, _Cont,
    0,
    [_sCp],
    [() => SpanContext$]
];
var DataSourceConfig$ = [4, n0, _DSC,
    0,
    [_cWL, _oECS],
    [() => CloudWatchLogsSource$, () => OnlineEvaluationConfigSource$]
];
var EvaluationContent$ = [4, n0, _ECv,
    0,
    [_te],
    [0]
];
var EvaluationInput$ = [4, n0, _EI,
    0,
    [_sSess],
    [[() => Spans, 0]]
];
var EvaluationMetadata$ = [4, n0, _EMv,
    0,
    [_sMes],
    [() => SessionMetadataList]
];
var EvaluationTarget$ = [4, n0, _ET,
    0,
    [_sIpa, _tIr],
    [64 | 0, 64 | 0]
];
var ExtractionJobMessages$ = [4, n0, _EJMx,
    0,
    [_mL],
    [() => MessagesList]
];
var FilterValue$ = [4, n0, _FV,
    0,
    [_sVt, _dV, _bVo],
    [0, 1, 2]
];
var GroundTruthSource$ = [4, n0, _GTS,
    0,
    [_inl],
    [() => InlineGroundTruth$]
];
var GroundTruthTurnInput$ = [4, n0, _GTTI,
    0,
    [_prom],
    [0]
];
var HarnessContentBlock$ = [4, n0, _HCBa,
    0,
    [_te, _tUo, _tRo, _rCea],
    [[() => SensitiveText, 0], [() => HarnessToolUseBlock$, 0], [() => HarnessToolResultBlock$, 0], [() => HarnessReasoningContentBlock$, 0]]
];
var HarnessContentBlockDelta$ = [4, n0, _HCBD,
    0,
    [_te, _tUo, _tRo, _rCea, _tRM],
    [[() => SensitiveText, 0], [() => HarnessToolUseBlockDelta$, 0], [() => HarnessToolResultBlocksDelta, 0], [() => HarnessReasoningContentBlockDelta$, 0], [() => HarnessToolResultMetadataBlockDelta$, 0]]
];
var HarnessContentBlockStart$ = [4, n0, _HCBS,
    0,
    [_tUo, _tRo],
    [() => HarnessToolUseBlockStart$, () => HarnessToolResultBlockStart$]
];
var HarnessGatewayOutboundAuth$ = [4, n0, _HGOA,
    0,
    [_aIw, _no, _oa],
    [() => __Unit, () => __Unit, [() => OAuthCredentialProvider$, 0]]
];
var HarnessModelConfiguration$ = [4, n0, _HMC,
    0,
    [_bMC, _oAMC, _gMC, _lLMC],
    [() => HarnessBedrockModelConfig$, [() => HarnessOpenAiModelConfig$, 0], () => HarnessGeminiModelConfig$, [() => HarnessLiteLlmModelConfig$, 0]]
];
var HarnessReasoningContentBlock$ = [4, n0, _HRCB,
    8,
    [_rT, _rCed],
    [[() => HarnessReasoningTextBlock$, 0], 21]
];
var HarnessReasoningContentBlockDelta$ = [4, n0, _HRCBD,
    8,
    [_te, _rCed, _sign],
    [0, [() => Body, 0], 0]
];
var HarnessSkill$ = [4, n0, _HSa,
    0,
    [_pat, _s_, _g, _aSw],
    [0, () => HarnessSkillS3Source$, () => HarnessSkillGitSource$, () => HarnessSkillAwsSkillsSource$]
];
var HarnessSystemContentBlock$ = [4, n0, _HSCB,
    0,
    [_te],
    [[() => SensitiveText, 0]]
];
var HarnessToolConfiguration$ = [4, n0, _HTC,
    0,
    [_rMe, _aCB, _aCG, _iF, _aCCI],
    [[() => HarnessRemoteMcpConfig$, 0], () => HarnessAgentCoreBrowserConfig$, [() => HarnessAgentCoreGatewayConfig$, 0], [() => HarnessInlineFunctionConfig$, 0], () => HarnessAgentCoreCodeInterpreterConfig$]
];
var HarnessToolResultBlockDelta$ = [4, n0, _HTRBDa,
    0,
    [_te, _js],
    [[() => SensitiveText, 0], [() => SensitiveJson, 0]]
];
var HarnessToolResultContentBlock$ = [4, n0, _HTRCBa,
    0,
    [_te, _js],
    [[() => SensitiveText, 0], [() => SensitiveJson, 0]]
];
var IngestPayloadType$ = [4, n0, _IPT,
    0,
    [_conv, _js],
    [[() => Conversational$, 0], [() => MemoryJsonData$, 0]]
];
var InvokeAgentRuntimeCommandStreamOutput$ = [4, n0, _IARCSO,
    { [_st]: 1 },
    [_chu, _aDE, _iSE, _rNFE, _sQEE, _tEh, _vE, _rCE],
    [() => ResponseChunk$, [() => AccessDeniedException$, 0], [() => InternalServerException$, 0], [() => ResourceNotFoundException$, 0], [() => ServiceQuotaExceededException$, 0], [() => ThrottlingException$, 0], [() => ValidationException$, 0], [() => RuntimeClientError$, 0]]
];
var InvokeHarnessStreamOutput$ = [4, n0, _IHSO,
    { [_st]: 1 },
    [_mSe, _cBS, _cBD, _cBSo, _mSes, _met, _iSE, _vE, _rCE, _hEo],
    [() => HarnessMessageStartEvent$, () => HarnessContentBlockStartEvent$, [() => HarnessContentBlockDeltaEvent$, 0], () => HarnessContentBlockStopEvent$, () => HarnessMessageStopEvent$, () => HarnessMetadataEvent$, [() => InternalServerException$, 0], [() => ValidationException$, 0], [() => RuntimeClientError$, 0], () => HarnessHookEvent$]
];
var LeftExpression$ = [4, n0, _LE,
    0,
    [_mK],
    [0]
];
var LinkedAccount$ = [4, n0, _LA,
    8,
    [_em, _sm, _dJ, _oAu],
    [[() => LinkedAccountEmail$, 0], [() => LinkedAccountSms$, 0], () => LinkedAccountDeveloperJwt$, [() => LinkedAccountOAuth2$, 0]]
];
var LinkedAccountOAuth2$ = [4, n0, _LAOA,
    0,
    [_go, _ap, _x, _tel, _gi],
    [[() => OAuth2Authentication$, 0], [() => OAuth2Authentication$, 0], [() => OAuth2Authentication$, 0], [() => OAuth2Authentication$, 0], [() => OAuth2Authentication$, 0]]
];
var MemoryContent$ = [4, n0, _MC,
    0,
    [_te],
    [[() => SensitiveString, 0]]
];
var MemoryRecordLeftExpression$ = [4, n0, _MRLE,
    0,
    [_mK],
    [0]
];
var MemoryRecordMetadataValue$ = [4, n0, _MRMV,
    0,
    [_sVt, _sLV, _nVu, _dTV],
    [0, 64 | 0, 1, 4]
];
var MemoryRecordRightExpression$ = [4, n0, _MRRE,
    0,
    [_mV],
    [() => MemoryRecordMetadataValue$]
];
var MetadataValue$ = [4, n0, _MV,
    0,
    [_sVt],
    [0]
];
var OutputConfig$ = [4, n0, _OC,
    0,
    [_cWC],
    [() => CloudWatchOutputConfig$]
];
var PayloadType$ = [4, n0, _PT,
    0,
    [_conv, _bl, _js],
    [[() => Conversational$, 0], [() => MemoryDocument, 0], [() => MemoryJsonData$, 0]]
];
var PaymentInput$ = [4, n0, _PIa,
    0,
    [_cX, _mp],
    [[() => CryptoX402PaymentInput$, 0], () => MppPaymentInput$]
];
var PaymentInstrumentDetails$ = [4, n0, _PID,
    0,
    [_eCW],
    [[() => EmbeddedCryptoWallet$, 0]]
];
var PaymentOutput$ = [4, n0, _PO,
    0,
    [_cX, _mp],
    [[() => CryptoX402PaymentOutput$, 0], [() => MppPaymentOutput$, 0]]
];
var PaymentTokenRequestInput$ = [4, n0, _PTRI,
    0,
    [_cCTR, _sPTR],
    [() => CoinbaseCdpTokenRequestInput$, [() => StripePrivyTokenRequestInput$, 0]]
];
var PaymentTokenResponseOutput$ = [4, n0, _PTRO,
    0,
    [_cCTRo, _sPTRt],
    [[() => CoinbaseCdpTokenResponseOutput$, 0], [() => StripePrivyTokenResponseOutput$, 0]]
];
var Proxy$ = [4, n0, _Pr,
    0,
    [_ePx],
    [() => ExternalProxy$]
];
var ProxyCredentials$ = [4, n0, _PCr,
    0,
    [_bAa],
    [() => BasicAuth$]
];
var RecommendationConfig$ = [4, n0, _RCec,
    0,
    [_sPRC, _tDRC],
    [[() => SystemPromptRecommendationConfig$, 0], [() => ToolDescriptionRecommendationConfig$, 0]]
];
var RecommendationResult$ = [4, n0, _RR,
    0,
    [_sPRR, _tDRR],
    [[() => SystemPromptRecommendationResult$, 0], [() => ToolDescriptionRecommendationResult$, 0]]
];
var ResourceLocation$ = [4, n0, _RL,
    0,
    [_s_],
    [() => S3Location$]
];
var RightExpression$ = [4, n0, _RE,
    0,
    [_mV],
    [() => MetadataValue$]
];
var StreamUpdate$ = [4, n0, _SU,
    0,
    [_aSU],
    [() => AutomationStreamUpdate$]
];
var SystemPromptConfig$ = [4, n0, _SPC,
    0,
    [_te, _cB],
    [[() => SystemPromptText, 0], () => SystemPromptConfigurationBundle$]
];
var ToolDescriptionConfig$ = [4, n0, _TDC,
    0,
    [_te],
    [[() => ToolDescriptionText, 0]]
];
var ToolDescriptionSource$ = [4, n0, _TDS,
    0,
    [_tDT, _cB],
    [[() => ToolDescriptionTextInput$, 0], () => ToolDescriptionConfigurationBundle$]
];
var ToolsFileSystemConfiguration$ = [4, n0, _TFSCo,
    0,
    [_sFC, _eCf],
    [() => S3FilesConfiguration$, () => EfsConfiguration$]
];
var UserIdentifier$ = [4, n0, _UI,
    0,
    [_uT, _uIs],
    [[() => UserTokenType, 0], 0]
];
var BatchCreateMemoryRecords$ = [9, n0, _BCMR,
    { [_ht]: ["POST", "/memories/{memoryId}/memoryRecords/batchCreate", 201] }, () => BatchCreateMemoryRecordsInput$, () => BatchCreateMemoryRecordsOutput$
];
var BatchDeleteMemoryRecords$ = [9, n0, _BDMR,
    { [_ht]: ["POST", "/memories/{memoryId}/memoryRecords/batchDelete", 200] }, () => BatchDeleteMemoryRecordsInput$, () => BatchDeleteMemoryRecordsOutput$
];
var BatchUpdateMemoryRecords$ = [9, n0, _BUMR,
    { [_ht]: ["POST", "/memories/{memoryId}/memoryRecords/batchUpdate", 200] }, () => BatchUpdateMemoryRecordsInput$, () => BatchUpdateMemoryRecordsOutput$
];
var CompleteResourceTokenAuth$ = [9, n0, _CRTA,
    { [_ht]: ["POST", "/identities/CompleteResourceTokenAuth", 200] }, () => CompleteResourceTokenAuthRequest$, () => CompleteResourceTokenAuthResponse$
];
var CreateABTest$ = [9, n0, _CABT,
    { [_ht]: ["POST", "/ab-tests", 202] }, () => CreateABTestRequest$, () => CreateABTestResponse$
];
var CreateEvent$ = [9, n0, _CEr,
    { [_ht]: ["POST", "/memories/{memoryId}/events", 201] }, () => CreateEventInput$, () => CreateEventOutput$
];
var CreatePaymentInstrument$ = [9, n0, _CPI,
    { [_ht]: ["POST", "/payments/createPaymentInstrument", 201] }, () => CreatePaymentInstrumentRequest$, () => CreatePaymentInstrumentResponse$
];
var CreatePaymentSession$ = [9, n0, _CPS,
    { [_ht]: ["POST", "/payments/createPaymentSession", 201] }, () => CreatePaymentSessionRequest$, () => CreatePaymentSessionResponse$
];
var DeleteABTest$ = [9, n0, _DABT,
    { [_ht]: ["DELETE", "/ab-tests/{abTestId}", 202] }, () => DeleteABTestRequest$, () => DeleteABTestResponse$
];
var DeleteBatchEvaluation$ = [9, n0, _DBE,
    { [_ht]: ["DELETE", "/evaluations/batch-evaluate/{batchEvaluationId}", 202] }, () => DeleteBatchEvaluationRequest$, () => DeleteBatchEvaluationResponse$
];
var DeleteCapacityProviderSession$ = [9, n0, _DCPS,
    { [_ht]: ["DELETE", "/capacity-providers/{capacityProviderId}/sessions/{sessionId}", 202] }, () => DeleteCapacityProviderSessionRequest$, () => DeleteCapacityProviderSessionResponse$
];
var DeleteEvent$ = [9, n0, _DE,
    { [_ht]: ["DELETE", "/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}", 200] }, () => DeleteEventInput$, () => DeleteEventOutput$
];
var DeleteMemoryRecord$ = [9, n0, _DMR,
    { [_ht]: ["DELETE", "/memories/{memoryId}/memoryRecords/{memoryRecordId}", 200] }, () => DeleteMemoryRecordInput$, () => DeleteMemoryRecordOutput$
];
var DeletePaymentInstrument$ = [9, n0, _DPI,
    { [_ht]: ["POST", "/payments/deletePaymentInstrument", 200] }, () => DeletePaymentInstrumentRequest$, () => DeletePaymentInstrumentResponse$
];
var DeletePaymentSession$ = [9, n0, _DPS,
    { [_ht]: ["POST", "/payments/deletePaymentSession", 200] }, () => DeletePaymentSessionRequest$, () => DeletePaymentSessionResponse$
];
var DeleteRecommendation$ = [9, n0, _DR,
    { [_ht]: ["DELETE", "/recommendations/{recommendationId}", 202] }, () => DeleteRecommendationRequest$, () => DeleteRecommendationResponse$
];
var Evaluate$ = [9, n0, _Eva,
    { [_ht]: ["POST", "/evaluations/evaluate/{evaluatorId}", 200] }, () => EvaluateRequest$, () => EvaluateResponse$
];
var GetABTest$ = [9, n0, _GABT,
    { [_ht]: ["GET", "/ab-tests/{abTestId}", 200] }, () => GetABTestRequest$, () => GetABTestResponse$
];
var GetAgentCard$ = [9, n0, _GAC,
    { [_ht]: ["GET", "/runtimes/{agentRuntimeArn}/invocations/.well-known/agent-card.json", 200] }, () => GetAgentCardRequest$, () => GetAgentCardResponse$
];
var GetBatchEvaluation$ = [9, n0, _GBE,
    { [_ht]: ["GET", "/evaluations/batch-evaluate/{batchEvaluationId}", 200] }, () => GetBatchEvaluationRequest$, () => GetBatchEvaluationResponse$
];
var GetBrowserSession$ = [9, n0, _GBS,
    { [_ht]: ["GET", "/browsers/{browserIdentifier}/sessions/get", 200] }, () => GetBrowserSessionRequest$, () => GetBrowserSessionResponse$
];
var GetCodeInterpreterSession$ = [9, n0, _GCIS,
    { [_ht]: ["GET", "/code-interpreters/{codeInterpreterIdentifier}/sessions/get", 200] }, () => GetCodeInterpreterSessionRequest$, () => GetCodeInterpreterSessionResponse$
];
var GetEvent$ = [9, n0, _GE,
    { [_ht]: ["GET", "/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}", 200] }, () => GetEventInput$, () => GetEventOutput$
];
var GetMemoryRecord$ = [9, n0, _GMR,
    { [_ht]: ["GET", "/memories/{memoryId}/memoryRecord/{memoryRecordId}", 200] }, () => GetMemoryRecordInput$, () => GetMemoryRecordOutput$
];
var GetPaymentInstrument$ = [9, n0, _GPI,
    { [_ht]: ["POST", "/payments/getPaymentInstrument", 200] }, () => GetPaymentInstrumentRequest$, () => GetPaymentInstrumentResponse$
];
var GetPaymentInstrumentBalance$ = [9, n0, _GPIB,
    { [_ht]: ["POST", "/payments/getPaymentInstrumentBalance", 200] }, () => GetPaymentInstrumentBalanceRequest$, () => GetPaymentInstrumentBalanceResponse$
];
var GetPaymentSession$ = [9, n0, _GPS,
    { [_ht]: ["POST", "/payments/getPaymentSession", 200] }, () => GetPaymentSessionRequest$, () => GetPaymentSessionResponse$
];
var GetRecommendation$ = [9, n0, _GR,
    { [_ht]: ["GET", "/recommendations/{recommendationId}", 200] }, () => GetRecommendationRequest$, () => GetRecommendationResponse$
];
var GetResourceApiKey$ = [9, n0, _GRAK,
    { [_ht]: ["POST", "/identities/api-key", 200] }, () => GetResourceApiKeyRequest$, () => GetResourceApiKeyResponse$
];
var GetResourceOauth2Token$ = [9, n0, _GROT,
    { [_ht]: ["POST", "/identities/oauth2/token", 200] }, () => GetResourceOauth2TokenRequest$, () => GetResourceOauth2TokenResponse$
];
var GetResourcePaymentToken$ = [9, n0, _GRPT,
    { [_ht]: ["POST", "/identities/payment/token", 200] }, () => GetResourcePaymentTokenRequest$, () => GetResourcePaymentTokenResponse$
];
var GetWorkloadAccessToken$ = [9, n0, _GWAT,
    { [_ht]: ["POST", "/identities/GetWorkloadAccessToken", 200] }, () => GetWorkloadAccessTokenRequest$, () => GetWorkloadAccessTokenResponse$
];
var GetWorkloadAccessTokenForJWT$ = [9, n0, _GWATFJWT,
    { [_ht]: ["POST", "/identities/GetWorkloadAccessTokenForJWT", 200] }, () => GetWorkloadAccessTokenForJWTRequest$, () => GetWorkloadAccessTokenForJWTResponse$
];
var GetWorkloadAccessTokenForUserId$ = [9, n0, _GWATFUI,
    { [_ht]: ["POST", "/identities/GetWorkloadAccessTokenForUserId", 200] }, () => GetWorkloadAccessTokenForUserIdRequest$, () => GetWorkloadAccessTokenForUserIdResponse$
];
var IngestData$ = [9, n0, _ID,
    { [_ht]: ["POST", "/memories/{memoryId}/ingest", 202] }, () => IngestDataInput$, () => IngestDataOutput$
];
var InvokeAgentRuntime$ = [9, n0, _IAR,
    { [_ht]: ["POST", "/runtimes/{agentRuntimeArn}/invocations", 200] }, () => InvokeAgentRuntimeRequest$, () => InvokeAgentRuntimeResponse$
];
var InvokeAgentRuntimeCommand$ = [9, n0, _IARC,
    { [_ht]: ["POST", "/runtimes/{agentRuntimeArn}/commands", 200] }, () => InvokeAgentRuntimeCommandRequest$, () => InvokeAgentRuntimeCommandResponse$
];
var InvokeBrowser$ = [9, n0, _IB,
    { [_ht]: ["POST", "/browsers/{browserIdentifier}/sessions/invoke", 200] }, () => InvokeBrowserRequest$, () => InvokeBrowserResponse$
];
var InvokeCodeInterpreter$ = [9, n0, _ICI,
    { [_ht]: ["POST", "/code-interpreters/{codeInterpreterIdentifier}/tools/invoke", 200] }, () => InvokeCodeInterpreterRequest$, () => InvokeCodeInterpreterResponse$
];
var InvokeHarness$ = [9, n0, _IH,
    { [_ht]: ["POST", "/harnesses/invoke", 200] }, () => InvokeHarnessRequest$, () => InvokeHarnessResponse$
];
var ListABTests$ = [9, n0, _LABT,
    { [_ht]: ["GET", "/ab-tests", 200] }, () => ListABTestsRequest$, () => ListABTestsResponse$
];
var ListActors$ = [9, n0, _LAi,
    { [_ht]: ["POST", "/memories/{memoryId}/actors", 200] }, () => ListActorsInput$, () => ListActorsOutput$
];
var ListBatchEvaluations$ = [9, n0, _LBE,
    { [_ht]: ["GET", "/evaluations/batch-evaluate", 200] }, () => ListBatchEvaluationsRequest$, () => ListBatchEvaluationsResponse$
];
var ListBrowserSessions$ = [9, n0, _LBS,
    { [_ht]: ["POST", "/browsers/{browserIdentifier}/sessions/list", 200] }, () => ListBrowserSessionsRequest$, () => ListBrowserSessionsResponse$
];
var ListCodeInterpreterSessions$ = [9, n0, _LCIS,
    { [_ht]: ["POST", "/code-interpreters/{codeInterpreterIdentifier}/sessions/list", 200] }, () => ListCodeInterpreterSessionsRequest$, () => ListCodeInterpreterSessionsResponse$
];
var ListEvents$ = [9, n0, _LEi,
    { [_ht]: ["POST", "/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}", 200] }, () => ListEventsInput$, () => ListEventsOutput$
];
var ListMemoryExtractionJobs$ = [9, n0, _LMEJ,
    { [_ht]: ["POST", "/memories/{memoryId}/extractionJobs", 200] }, () => ListMemoryExtractionJobsInput$, () => ListMemoryExtractionJobsOutput$
];
var ListMemoryRecords$ = [9, n0, _LMR,
    { [_ht]: ["POST", "/memories/{memoryId}/memoryRecords", 200] }, () => ListMemoryRecordsInput$, () => ListMemoryRecordsOutput$
];
var ListPaymentInstruments$ = [9, n0, _LPI,
    { [_ht]: ["POST", "/payments/listPaymentInstruments", 200] }, () => ListPaymentInstrumentsRequest$, () => ListPaymentInstrumentsResponse$
];
var ListPaymentSessions$ = [9, n0, _LPS,
    { [_ht]: ["POST", "/payments/listPaymentSessions", 200] }, () => ListPaymentSessionsRequest$, () => ListPaymentSessionsResponse$
];
var ListRecommendations$ = [9, n0, _LR,
    { [_ht]: ["GET", "/recommendations", 200] }, () => ListRecommendationsRequest$, () => ListRecommendationsResponse$
];
var ListSessions$ = [9, n0, _LS,
    { [_ht]: ["POST", "/memories/{memoryId}/actor/{actorId}/sessions", 200] }, () => ListSessionsInput$, () => ListSessionsOutput$
];
var ProcessPayment$ = [9, n0, _PP,
    { [_ht]: ["POST", "/payments/processPayment", 200] }, () => ProcessPaymentRequest$, () => ProcessPaymentResponse$
];
var RetrieveMemoryRecords$ = [9, n0, _RMR,
    { [_ht]: ["POST", "/memories/{memoryId}/retrieve", 200] }, () => RetrieveMemoryRecordsInput$, () => RetrieveMemoryRecordsOutput$
];
var SaveBrowserSessionProfile$ = [9, n0, _SBSP,
    { [_ht]: ["PUT", "/browser-profiles/{profileIdentifier}/save", 200] }, () => SaveBrowserSessionProfileRequest$, () => SaveBrowserSessionProfileResponse$
];
var SearchRegistryRecords$ = [9, n0, _SRRe,
    { [_ht]: ["POST", "/registry-records/search", 200] }, () => SearchRegistryRecordsRequest$, () => SearchRegistryRecordsResponse$
];
var StartBatchEvaluation$ = [9, n0, _SBE,
    { [_ht]: ["POST", "/evaluations/batch-evaluate", 202] }, () => StartBatchEvaluationRequest$, () => StartBatchEvaluationResponse$
];
var StartBrowserSession$ = [9, n0, _SBS,
    { [_ht]: ["PUT", "/browsers/{browserIdentifier}/sessions/start", 200] }, () => StartBrowserSessionRequest$, () => StartBrowserSessionResponse$
];
var StartCodeInterpreterSession$ = [9, n0, _SCIS,
    { [_ht]: ["PUT", "/code-interpreters/{codeInterpreterIdentifier}/sessions/start", 200] }, () => StartCodeInterpreterSessionRequest$, () => StartCodeInterpreterSessionResponse$
];
var StartMemoryExtractionJob$ = [9, n0, _SMEJ,
    { [_ht]: ["POST", "/memories/{memoryId}/extractionJobs/start", 200] }, () => StartMemoryExtractionJobInput$, () => StartMemoryExtractionJobOutput$
];
var StartRecommendation$ = [9, n0, _SRt,
    { [_ht]: ["POST", "/recommendations", 202] }, () => StartRecommendationRequest$, () => StartRecommendationResponse$
];
var StopBatchEvaluation$ = [9, n0, _SBEt,
    { [_ht]: ["POST", "/evaluations/batch-evaluate/{batchEvaluationId}/stop", 202] }, () => StopBatchEvaluationRequest$, () => StopBatchEvaluationResponse$
];
var StopBrowserSession$ = [9, n0, _SBSt,
    { [_ht]: ["PUT", "/browsers/{browserIdentifier}/sessions/stop", 200] }, () => StopBrowserSessionRequest$, () => StopBrowserSessionResponse$
];
var StopCodeInterpreterSession$ = [9, n0, _SCISt,
    { [_ht]: ["PUT", "/code-interpreters/{codeInterpreterIdentifier}/sessions/stop", 200] }, () => StopCodeInterpreterSessionRequest$, () => StopCodeInterpreterSessionResponse$
];
var StopRuntimeSession$ = [9, n0, _SRS,
    { [_ht]: ["POST", "/runtimes/{agentRuntimeArn}/stopruntimesession", 200] }, () => StopRuntimeSessionRequest$, () => StopRuntimeSessionResponse$
];
var UpdateABTest$ = [9, n0, _UABT,
    { [_ht]: ["PUT", "/ab-tests/{abTestId}", 202] }, () => UpdateABTestRequest$, () => UpdateABTestResponse$
];
var UpdateBrowserStream$ = [9, n0, _UBS,
    { [_ht]: ["PUT", "/browsers/{browserIdentifier}/sessions/streams/update", 200] }, () => UpdateBrowserStreamRequest$, () => UpdateBrowserStreamResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2024-02-28",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultBedrockAgentCoreHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.bedrockagentcore",
            errorTypeRegistries,
            version: "2024-02-28",
            serviceTarget: "AmazonBedrockAgentCore",
        },
        sdkStreamMixin: config?.sdkStreamMixin ?? sdkStreamMixin,
        serviceId: config?.serviceId ?? "Bedrock AgentCore",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        eventStreamSerdeProvider: config?.eventStreamSerdeProvider ?? eventStreamSerdeProvider,
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class BedrockAgentCoreClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveEventStreamSerdeConfig(_config_6);
        const _config_8 = resolveHttpAuthSchemeConfig(_config_7);
        const _config_9 = resolveRuntimeExtensions(_config_8, configuration?.extensions || []);
        this.config = _config_9;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultBedrockAgentCoreHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "AmazonBedrockAgentCore", "BedrockAgentCoreClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class BatchCreateMemoryRecordsCommand extends command(_ep0, _mw0, "BatchCreateMemoryRecords", BatchCreateMemoryRecords$) {
}

class BatchDeleteMemoryRecordsCommand extends command(_ep0, _mw0, "BatchDeleteMemoryRecords", BatchDeleteMemoryRecords$) {
}

class BatchUpdateMemoryRecordsCommand extends command(_ep0, _mw0, "BatchUpdateMemoryRecords", BatchUpdateMemoryRecords$) {
}

class CompleteResourceTokenAuthCommand extends command(_ep0, _mw0, "CompleteResourceTokenAuth", CompleteResourceTokenAuth$) {
}

class CreateABTestCommand extends command(_ep0, _mw0, "CreateABTest", CreateABTest$) {
}

class CreateEventCommand extends command(_ep0, _mw0, "CreateEvent", CreateEvent$) {
}

class CreatePaymentInstrumentCommand extends command(_ep0, _mw0, "CreatePaymentInstrument", CreatePaymentInstrument$) {
}

class CreatePaymentSessionCommand extends command(_ep0, _mw0, "CreatePaymentSession", CreatePaymentSession$) {
}

class DeleteABTestCommand extends command(_ep0, _mw0, "DeleteABTest", DeleteABTest$) {
}

class DeleteBatchEvaluationCommand extends command(_ep0, _mw0, "DeleteBatchEvaluation", DeleteBatchEvaluation$) {
}

class DeleteCapacityProviderSessionCommand extends command(_ep0, _mw0, "DeleteCapacityProviderSession", DeleteCapacityProviderSession$) {
}

class DeleteEventCommand extends command(_ep0, _mw0, "DeleteEvent", DeleteEvent$) {
}

class DeleteMemoryRecordCommand extends command(_ep0, _mw0, "DeleteMemoryRecord", DeleteMemoryRecord$) {
}

class DeletePaymentInstrumentCommand extends command(_ep0, _mw0, "DeletePaymentInstrument", DeletePaymentInstrument$) {
}

class DeletePaymentSessionCommand extends command(_ep0, _mw0, "DeletePaymentSession", DeletePaymentSession$) {
}

class DeleteRecommendationCommand extends command(_ep0, _mw0, "DeleteRecommendation", DeleteRecommendation$) {
}

class EvaluateCommand extends command(_ep0, _mw0, "Evaluate", Evaluate$) {
}

class GetABTestCommand extends command(_ep0, _mw0, "GetABTest", GetABTest$) {
}

class GetAgentCardCommand extends command(_ep0, _mw0, "GetAgentCard", GetAgentCard$) {
}

class GetBatchEvaluationCommand extends command(_ep0, _mw0, "GetBatchEvaluation", GetBatchEvaluation$) {
}

class GetBrowserSessionCommand extends command(_ep0, _mw0, "GetBrowserSession", GetBrowserSession$) {
}

class GetCodeInterpreterSessionCommand extends command(_ep0, _mw0, "GetCodeInterpreterSession", GetCodeInterpreterSession$) {
}

class GetEventCommand extends command(_ep0, _mw0, "GetEvent", GetEvent$) {
}

class GetMemoryRecordCommand extends command(_ep0, _mw0, "GetMemoryRecord", GetMemoryRecord$) {
}

class GetPaymentInstrumentBalanceCommand extends command(_ep0, _mw0, "GetPaymentInstrumentBalance", GetPaymentInstrumentBalance$) {
}

class GetPaymentInstrumentCommand extends command(_ep0, _mw0, "GetPaymentInstrument", GetPaymentInstrument$) {
}

class GetPaymentSessionCommand extends command(_ep0, _mw0, "GetPaymentSession", GetPaymentSession$) {
}

class GetRecommendationCommand extends command(_ep0, _mw0, "GetRecommendation", GetRecommendation$) {
}

class GetResourceApiKeyCommand extends command(_ep0, _mw0, "GetResourceApiKey", GetResourceApiKey$) {
}

class GetResourceOauth2TokenCommand extends command(_ep0, _mw0, "GetResourceOauth2Token", GetResourceOauth2Token$) {
}

class GetResourcePaymentTokenCommand extends command(_ep0, _mw0, "GetResourcePaymentToken", GetResourcePaymentToken$) {
}

class GetWorkloadAccessTokenCommand extends command(_ep0, _mw0, "GetWorkloadAccessToken", GetWorkloadAccessToken$) {
}

class GetWorkloadAccessTokenForJWTCommand extends command(_ep0, _mw0, "GetWorkloadAccessTokenForJWT", GetWorkloadAccessTokenForJWT$) {
}

class GetWorkloadAccessTokenForUserIdCommand extends command(_ep0, _mw0, "GetWorkloadAccessTokenForUserId", GetWorkloadAccessTokenForUserId$) {
}

class IngestDataCommand extends command(_ep0, _mw0, "IngestData", IngestData$) {
}

class InvokeAgentRuntimeCommand extends command(_ep0, _mw0, "InvokeAgentRuntime", InvokeAgentRuntime$) {
}

class InvokeAgentRuntimeCommandCommand extends command(_ep0, _mw0, "InvokeAgentRuntimeCommand", InvokeAgentRuntimeCommand$) {
}

class InvokeBrowserCommand extends command(_ep0, _mw0, "InvokeBrowser", InvokeBrowser$) {
}

class InvokeCodeInterpreterCommand extends command(_ep0, _mw0, "InvokeCodeInterpreter", InvokeCodeInterpreter$) {
}

class InvokeHarnessCommand extends command(_ep0, _mw0, "InvokeHarness", InvokeHarness$) {
}

class ListABTestsCommand extends command(_ep0, _mw0, "ListABTests", ListABTests$) {
}

class ListActorsCommand extends command(_ep0, _mw0, "ListActors", ListActors$) {
}

class ListBatchEvaluationsCommand extends command(_ep0, _mw0, "ListBatchEvaluations", ListBatchEvaluations$) {
}

class ListBrowserSessionsCommand extends command(_ep0, _mw0, "ListBrowserSessions", ListBrowserSessions$) {
}

class ListCodeInterpreterSessionsCommand extends command(_ep0, _mw0, "ListCodeInterpreterSessions", ListCodeInterpreterSessions$) {
}

class ListEventsCommand extends command(_ep0, _mw0, "ListEvents", ListEvents$) {
}

class ListMemoryExtractionJobsCommand extends command(_ep0, _mw0, "ListMemoryExtractionJobs", ListMemoryExtractionJobs$) {
}

class ListMemoryRecordsCommand extends command(_ep0, _mw0, "ListMemoryRecords", ListMemoryRecords$) {
}

class ListPaymentInstrumentsCommand extends command(_ep0, _mw0, "ListPaymentInstruments", ListPaymentInstruments$) {
}

class ListPaymentSessionsCommand extends command(_ep0, _mw0, "ListPaymentSessions", ListPaymentSessions$) {
}

class ListRecommendationsCommand extends command(_ep0, _mw0, "ListRecommendations", ListRecommendations$) {
}

class ListSessionsCommand extends command(_ep0, _mw0, "ListSessions", ListSessions$) {
}

class ProcessPaymentCommand extends command(_ep0, _mw0, "ProcessPayment", ProcessPayment$) {
}

class RetrieveMemoryRecordsCommand extends command(_ep0, _mw0, "RetrieveMemoryRecords", RetrieveMemoryRecords$) {
}

class SaveBrowserSessionProfileCommand extends command(_ep0, _mw0, "SaveBrowserSessionProfile", SaveBrowserSessionProfile$) {
}

class SearchRegistryRecordsCommand extends command(_ep0, _mw0, "SearchRegistryRecords", SearchRegistryRecords$) {
}

class StartBatchEvaluationCommand extends command(_ep0, _mw0, "StartBatchEvaluation", StartBatchEvaluation$) {
}

class StartBrowserSessionCommand extends command(_ep0, _mw0, "StartBrowserSession", StartBrowserSession$) {
}

class StartCodeInterpreterSessionCommand extends command(_ep0, _mw0, "StartCodeInterpreterSession", StartCodeInterpreterSession$) {
}

class StartMemoryExtractionJobCommand extends command(_ep0, _mw0, "StartMemoryExtractionJob", StartMemoryExtractionJob$) {
}

class StartRecommendationCommand extends command(_ep0, _mw0, "StartRecommendation", StartRecommendation$) {
}

class StopBatchEvaluationCommand extends command(_ep0, _mw0, "StopBatchEvaluation", StopBatchEvaluation$) {
}

class StopBrowserSessionCommand extends command(_ep0, _mw0, "StopBrowserSession", StopBrowserSession$) {
}

class StopCodeInterpreterSessionCommand extends command(_ep0, _mw0, "StopCodeInterpreterSession", StopCodeInterpreterSession$) {
}

class StopRuntimeSessionCommand extends command(_ep0, _mw0, "StopRuntimeSession", StopRuntimeSession$) {
}

class UpdateABTestCommand extends command(_ep0, _mw0, "UpdateABTest", UpdateABTest$) {
}

class UpdateBrowserStreamCommand extends command(_ep0, _mw0, "UpdateBrowserStream", UpdateBrowserStream$) {
}

const paginateListABTests = createPaginator(BedrockAgentCoreClient, ListABTestsCommand, "nextToken", "nextToken", "maxResults");

const paginateListActors = createPaginator(BedrockAgentCoreClient, ListActorsCommand, "nextToken", "nextToken", "maxResults");

const paginateListBatchEvaluations = createPaginator(BedrockAgentCoreClient, ListBatchEvaluationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListEvents = createPaginator(BedrockAgentCoreClient, ListEventsCommand, "nextToken", "nextToken", "maxResults");

const paginateListMemoryExtractionJobs = createPaginator(BedrockAgentCoreClient, ListMemoryExtractionJobsCommand, "nextToken", "nextToken", "maxResults");

const paginateListMemoryRecords = createPaginator(BedrockAgentCoreClient, ListMemoryRecordsCommand, "nextToken", "nextToken", "maxResults");

const paginateListPaymentInstruments = createPaginator(BedrockAgentCoreClient, ListPaymentInstrumentsCommand, "nextToken", "nextToken", "maxResults");

const paginateListPaymentSessions = createPaginator(BedrockAgentCoreClient, ListPaymentSessionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListRecommendations = createPaginator(BedrockAgentCoreClient, ListRecommendationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListSessions = createPaginator(BedrockAgentCoreClient, ListSessionsCommand, "nextToken", "nextToken", "maxResults");

const paginateRetrieveMemoryRecords = createPaginator(BedrockAgentCoreClient, RetrieveMemoryRecordsCommand, "nextToken", "nextToken", "maxResults");

const commands = {
    BatchCreateMemoryRecordsCommand,
    BatchDeleteMemoryRecordsCommand,
    BatchUpdateMemoryRecordsCommand,
    CompleteResourceTokenAuthCommand,
    CreateABTestCommand,
    CreateEventCommand,
    CreatePaymentInstrumentCommand,
    CreatePaymentSessionCommand,
    DeleteABTestCommand,
    DeleteBatchEvaluationCommand,
    DeleteCapacityProviderSessionCommand,
    DeleteEventCommand,
    DeleteMemoryRecordCommand,
    DeletePaymentInstrumentCommand,
    DeletePaymentSessionCommand,
    DeleteRecommendationCommand,
    EvaluateCommand,
    GetABTestCommand,
    GetAgentCardCommand,
    GetBatchEvaluationCommand,
    GetBrowserSessionCommand,
    GetCodeInterpreterSessionCommand,
    GetEventCommand,
    GetMemoryRecordCommand,
    GetPaymentInstrumentCommand,
    GetPaymentInstrumentBalanceCommand,
    GetPaymentSessionCommand,
    GetRecommendationCommand,
    GetResourceApiKeyCommand,
    GetResourceOauth2TokenCommand,
    GetResourcePaymentTokenCommand,
    GetWorkloadAccessTokenCommand,
    GetWorkloadAccessTokenForJWTCommand,
    GetWorkloadAccessTokenForUserIdCommand,
    IngestDataCommand,
    InvokeAgentRuntimeCommand,
    InvokeAgentRuntimeCommandCommand,
    InvokeBrowserCommand,
    InvokeCodeInterpreterCommand,
    InvokeHarnessCommand,
    ListABTestsCommand,
    ListActorsCommand,
    ListBatchEvaluationsCommand,
    ListBrowserSessionsCommand,
    ListCodeInterpreterSessionsCommand,
    ListEventsCommand,
    ListMemoryExtractionJobsCommand,
    ListMemoryRecordsCommand,
    ListPaymentInstrumentsCommand,
    ListPaymentSessionsCommand,
    ListRecommendationsCommand,
    ListSessionsCommand,
    ProcessPaymentCommand,
    RetrieveMemoryRecordsCommand,
    SaveBrowserSessionProfileCommand,
    SearchRegistryRecordsCommand,
    StartBatchEvaluationCommand,
    StartBrowserSessionCommand,
    StartCodeInterpreterSessionCommand,
    StartMemoryExtractionJobCommand,
    StartRecommendationCommand,
    StopBatchEvaluationCommand,
    StopBrowserSessionCommand,
    StopCodeInterpreterSessionCommand,
    StopRuntimeSessionCommand,
    UpdateABTestCommand,
    UpdateBrowserStreamCommand,
};
const paginators = {
    paginateListABTests,
    paginateListActors,
    paginateListBatchEvaluations,
    paginateListEvents,
    paginateListMemoryExtractionJobs,
    paginateListMemoryRecords,
    paginateListPaymentInstruments,
    paginateListPaymentSessions,
    paginateListRecommendations,
    paginateListSessions,
    paginateRetrieveMemoryRecords,
};
class BedrockAgentCore extends BedrockAgentCoreClient {
}
createAggregatedClient(commands, BedrockAgentCore, { paginators });

const ABTestExecutionStatus = {
    NOT_STARTED: "NOT_STARTED",
    PAUSED: "PAUSED",
    RUNNING: "RUNNING",
    STOPPED: "STOPPED",
};
const ABTestStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATING: "CREATING",
    DELETE_FAILED: "DELETE_FAILED",
    DELETING: "DELETING",
    FAILED: "FAILED",
    UPDATE_FAILED: "UPDATE_FAILED",
    UPDATING: "UPDATING",
};
const InsightsFailureCategory = {
    CODING_DEPENDENCY_ISSUES: "coding-use-case-specific-failure-types-category-dependency-issues",
    CODING_EDGE_CASE_OVERSIGHTS: "coding-use-case-specific-failure-types-category-edge-case-oversights",
    CONFIGURATION_MISMATCH_TOOL_DEFINITION: "configuration-mismatch-category-tool-definition",
    CONTEXT_HANDLING_FAILURES: "context-handling-error-category-context-handling-failures",
    EXECUTION_ERROR_AUTHENTICATION: "execution-error-category-authentication",
    EXECUTION_ERROR_ENVIRONMENT: "execution-error-category-environment",
    EXECUTION_ERROR_FORMATTING: "execution-error-category-formatting",
    EXECUTION_ERROR_RATE_LIMITING: "execution-error-category-rate-limiting",
    EXECUTION_ERROR_RESOURCE_EXHAUSTION: "execution-error-category-resource-exhaustion",
    EXECUTION_ERROR_RESOURCE_NOT_FOUND: "execution-error-category-resource-not-found",
    EXECUTION_ERROR_SERVICE_ERRORS: "execution-error-category-service-errors",
    EXECUTION_ERROR_TIMEOUT: "execution-error-category-timeout",
    EXECUTION_ERROR_TOOL_SCHEMA: "execution-error-category-tool-schema",
    HALLUCINATION_CAPABILITIES: "hallucination-category-hall-capabilities",
    HALLUCINATION_FABRICATE_TOOL_OUTPUTS: "hallucination-category-fabricate-tool-outputs",
    HALLUCINATION_HISTORY: "hallucination-category-hall-history",
    HALLUCINATION_MISUNDERSTAND: "hallucination-category-hall-misunderstand",
    HALLUCINATION_PARAMS: "hallucination-category-hall-params",
    HALLUCINATION_USAGE: "hallucination-category-hall-usage",
    INCORRECT_ACTIONS_CLARIFICATION: "incorrect-actions-category-clarification",
    INCORRECT_ACTIONS_INAPPROPRIATE_INFO_REQUEST: "incorrect-actions-category-inappropriate-info-request",
    INCORRECT_ACTIONS_POOR_INFORMATION_RETRIEVAL: "incorrect-actions-category-poor-information-retrieval",
    INCORRECT_ACTIONS_TOOL_SELECTION: "incorrect-actions-category-tool-selection",
    LLM_OUTPUT_NONSENSICAL: "llm-output-category-nonsensical",
    ORCHESTRATION_GOAL_DEVIATION: "orchestration-related-errors-category-goal-deviation",
    ORCHESTRATION_PREMATURE_TERMINATION: "orchestration-related-errors-category-premature-termination",
    ORCHESTRATION_REASONING_MISMATCH: "orchestration-related-errors-category-reasoning-mismatch",
    ORCHESTRATION_UNAWARE_TERMINATION: "orchestration-related-errors-category-unaware-termination",
    OTHER: "other",
    REPETITIVE_BEHAVIOR_INFO: "repetitive-behavior-category-repetition-info",
    REPETITIVE_BEHAVIOR_STEP: "repetitive-behavior-category-step-repetition",
    REPETITIVE_BEHAVIOR_TOOL: "repetitive-behavior-category-repetition-tool",
    TASK_INSTRUCTION_NON_COMPLIANCE: "task-instruction-category-non-compliance",
    TASK_INSTRUCTION_PROBLEM_ID: "task-instruction-category-problem-id",
};
const ValidationExceptionReason = {
    CANNOT_PARSE: "CannotParse",
    FIELD_VALIDATION_FAILED: "FieldValidationFailed",
    IDEMPOTENT_PARAMETER_MISMATCH_EXCEPTION: "IdempotentParameterMismatchException",
    RESOURCE_CONFLICT: "ResourceConflict",
    ROOT_EVENT_IN_OTHER_SESSION: "EventInOtherSession",
};
const CommandExecutionStatus = {
    COMPLETED: "COMPLETED",
    TIMED_OUT: "TIMED_OUT",
};
const CloudWatchLogsFilterOperator = {
    CONTAINS: "Contains",
    EQUALS: "Equals",
    GREATER_THAN: "GreaterThan",
    GREATER_THAN_OR_EQUAL: "GreaterThanOrEqual",
    LESS_THAN: "LessThan",
    LESS_THAN_OR_EQUAL: "LessThanOrEqual",
    NOT_CONTAINS: "NotContains",
    NOT_EQUALS: "NotEquals",
};
const BrowserEnterprisePolicyType = {
    MANAGED: "MANAGED",
    RECOMMENDED: "RECOMMENDED",
};
const BrowserSessionStatus = {
    READY: "READY",
    TERMINATED: "TERMINATED",
};
const AutomationStreamStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const MouseButton = {
    LEFT: "LEFT",
    MIDDLE: "MIDDLE",
    RIGHT: "RIGHT",
};
const ScreenshotFormat = {
    PNG: "PNG",
};
const BrowserActionStatus = {
    FAILED: "FAILED",
    SUCCESS: "SUCCESS",
};
const CapacityProviderSessionStatus = {
    ACTIVE: "Active",
    DELETED: "Deleted",
    DELETING: "Deleting",
    DEPROVISIONING: "Deprovisioning",
    PROVISIONING: "Provisioning",
    STOPPED: "Stopped",
};
const CodeInterpreterSessionStatus = {
    READY: "READY",
    TERMINATED: "TERMINATED",
};
const BatchEvaluationStatus = {
    COMPLETED: "COMPLETED",
    COMPLETED_WITH_ERRORS: "COMPLETED_WITH_ERRORS",
    DELETING: "DELETING",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    PENDING: "PENDING",
    STOPPED: "STOPPED",
    STOPPING: "STOPPING",
};
const RecommendationStatus = {
    COMPLETED: "COMPLETED",
    DELETING: "DELETING",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    PENDING: "PENDING",
};
const ResultDestination = {
    DEDICATED_LOG_GROUP: "DEDICATED_LOG_GROUP",
    SOURCE_LOG_GROUP: "SOURCE_LOG_GROUP",
};
const RecommendationType = {
    SYSTEM_PROMPT_RECOMMENDATION: "SYSTEM_PROMPT_RECOMMENDATION",
    TOOL_DESCRIPTION_RECOMMENDATION: "TOOL_DESCRIPTION_RECOMMENDATION",
};
const Oauth2FlowType = {
    M2M: "M2M",
    ON_BEHALF_OF_TOKEN_EXCHANGE: "ON_BEHALF_OF_TOKEN_EXCHANGE",
    USER_FEDERATION: "USER_FEDERATION",
};
const SessionStatus = {
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const PaymentHttpMethodType = {
    DELETE: "DELETE",
    GET: "GET",
    PATCH: "PATCH",
    POST: "POST",
    PUT: "PUT",
};
const ProgrammingLanguage = {
    JAVASCRIPT: "javascript",
    PYTHON: "python",
    TYPESCRIPT: "typescript",
};
const LanguageRuntime = {
    DENO: "deno",
    NODEJS: "nodejs",
    PYTHON: "python",
};
const ToolName = {
    EXECUTE_CODE: "executeCode",
    EXECUTE_COMMAND: "executeCommand",
    GET_TASK: "getTask",
    LIST_FILES: "listFiles",
    READ_FILES: "readFiles",
    REMOVE_FILES: "removeFiles",
    START_COMMAND_EXECUTION: "startCommandExecution",
    STOP_TASK: "stopTask",
    WRITE_FILES: "writeFiles",
};
const ResourceContentType = {
    BLOB: "blob",
    TEXT: "text",
};
const ContentBlockType = {
    EMBEDDED_RESOURCE: "resource",
    IMAGE: "image",
    RESOURCE_LINK: "resource_link",
    TEXT: "text",
};
const TaskStatus = {
    CANCELED: "canceled",
    COMPLETED: "completed",
    FAILED: "failed",
    SUBMITTED: "submitted",
    WORKING: "working",
};
const HarnessToolUseStatus = {
    ERROR: "error",
    SUCCESS: "success",
};
const HarnessToolUseType = {
    MCP_TOOL_USE: "mcp_tool_use",
    SERVER_TOOL_USE: "server_tool_use",
    TOOL_USE: "tool_use",
};
const HarnessConversationRole = {
    ASSISTANT: "assistant",
    USER: "user",
};
const HarnessBedrockApiFormat = {
    CHAT_COMPLETIONS: "chat_completions",
    CONVERSE_STREAM: "converse_stream",
    RESPONSES: "responses",
};
const HarnessOpenAiApiFormat = {
    CHAT_COMPLETIONS: "chat_completions",
    RESPONSES: "responses",
};
const OAuthGrantType = {
    AUTHORIZATION_CODE: "AUTHORIZATION_CODE",
    CLIENT_CREDENTIALS: "CLIENT_CREDENTIALS",
    TOKEN_EXCHANGE: "TOKEN_EXCHANGE",
};
const HarnessToolType = {
    AGENTCORE_BROWSER: "agentcore_browser",
    AGENTCORE_CODE_INTERPRETER: "agentcore_code_interpreter",
    AGENTCORE_GATEWAY: "agentcore_gateway",
    INLINE_FUNCTION: "inline_function",
    REMOTE_MCP: "remote_mcp",
};
const HarnessHookDecision = {
    ALLOW: "allow",
    DENY: "deny",
};
const HarnessHookEventType = {
    AFTER_INVOCATION: "after_invocation",
    AFTER_TOOL_CALL: "after_tool_call",
    BEFORE_INVOCATION: "before_invocation",
    BEFORE_TOOL_CALL: "before_tool_call",
};
const HarnessStopReason = {
    CONTENT_FILTERED: "content_filtered",
    END_TURN: "end_turn",
    HOOK_STOPPED: "hook_stopped",
    INTERRUPTED: "interrupted",
    MALFORMED_MODEL_OUTPUT: "malformed_model_output",
    MALFORMED_TOOL_USE: "malformed_tool_use",
    MAX_ITERATIONS_EXCEEDED: "max_iterations_exceeded",
    MAX_OUTPUT_TOKENS_EXCEEDED: "max_output_tokens_exceeded",
    MAX_TOKENS: "max_tokens",
    MODEL_CONTEXT_WINDOW_EXCEEDED: "model_context_window_exceeded",
    PARTIAL_TURN: "partial_turn",
    STOP_SEQUENCE: "stop_sequence",
    TIMEOUT_EXCEEDED: "timeout_exceeded",
    TOOL_RESULT: "tool_result",
    TOOL_USE: "tool_use",
};
const MemoryRecordStatus = {
    FAILED: "FAILED",
    SUCCEEDED: "SUCCEEDED",
};
const ExtractionMode = {
    SKIP: "SKIP",
};
const Role = {
    ASSISTANT: "ASSISTANT",
    OTHER: "OTHER",
    TOOL: "TOOL",
    USER: "USER",
};
const OperatorType = {
    EQUALS_TO: "EQUALS_TO",
    EXISTS: "EXISTS",
    NOT_EXISTS: "NOT_EXISTS",
};
const ExtractionJobStatus = {
    FAILED: "FAILED",
};
const MemoryRecordOperatorType = {
    AFTER: "AFTER",
    BEFORE: "BEFORE",
    CONTAINS: "CONTAINS",
    EQUALS_TO: "EQUALS_TO",
    EXISTS: "EXISTS",
    GREATER_THAN: "GREATER_THAN",
    GREATER_THAN_OR_EQUALS: "GREATER_THAN_OR_EQUALS",
    LESS_THAN: "LESS_THAN",
    LESS_THAN_OR_EQUALS: "LESS_THAN_OR_EQUALS",
    NOT_EXISTS: "NOT_EXISTS",
};
const EventFilterCondition = {
    HAS_EVENTS: "HAS_EVENTS",
};
const CryptoWalletNetwork = {
    ETHEREUM: "ETHEREUM",
    SOLANA: "SOLANA",
};
const PaymentInstrumentType = {
    EMBEDDED_CRYPTO_WALLET: "EMBEDDED_CRYPTO_WALLET",
};
const PaymentInstrumentStatus = {
    ACTIVE: "ACTIVE",
    BLOCKED: "BLOCKED",
    DELETED: "DELETED",
    FAILED: "FAILED",
    INITIATED: "INITIATED",
};
const BlockchainChainId = {
    BASE: "BASE",
    BASE_SEPOLIA: "BASE_SEPOLIA",
    ETHEREUM: "ETHEREUM",
    SOLANA: "SOLANA",
    SOLANA_DEVNET: "SOLANA_DEVNET",
};
const InstrumentBalanceToken = {
    USDC: "USDC",
};
const Currency = {
    USD: "USD",
};
const PaymentSessionStatus = {
    ACTIVE: "ACTIVE",
    DELETED: "DELETED",
    EXPIRED: "EXPIRED",
};
const PaymentType = {
    CRYPTO_X402: "CRYPTO_X402",
    MPP: "MPP",
};
const PaymentStatus = {
    PROOF_GENERATED: "PROOF_GENERATED",
};
const DescriptorType = {
    A2A: "A2A",
    AGENT_SKILLS: "AGENT_SKILLS",
    CUSTOM: "CUSTOM",
    MCP: "MCP",
};
const RegistryRecordStatus = {
    APPROVED: "APPROVED",
    DEPRECATED: "DEPRECATED",
    DRAFT: "DRAFT",
    PENDING_APPROVAL: "PENDING_APPROVAL",
    REJECTED: "REJECTED",
};

__webpack_unused_export__ = A2aDescriptor$;
__webpack_unused_export__ = ABTestEvaluationConfig$;
__webpack_unused_export__ = ABTestExecutionStatus;
__webpack_unused_export__ = ABTestResults$;
__webpack_unused_export__ = ABTestStatus;
__webpack_unused_export__ = ABTestSummary$;
__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = ActorSummary$;
__webpack_unused_export__ = AffectedSession$;
__webpack_unused_export__ = AgentCardDefinition$;
__webpack_unused_export__ = AgentSkillsDescriptor$;
__webpack_unused_export__ = AgentTracesConfig$;
__webpack_unused_export__ = Amount$;
__webpack_unused_export__ = AutomationStream$;
__webpack_unused_export__ = AutomationStreamStatus;
__webpack_unused_export__ = AutomationStreamUpdate$;
__webpack_unused_export__ = AvailableLimits$;
__webpack_unused_export__ = BasicAuth$;
__webpack_unused_export__ = BatchCreateMemoryRecords$;
__webpack_unused_export__ = BatchCreateMemoryRecordsCommand;
__webpack_unused_export__ = BatchCreateMemoryRecordsInput$;
__webpack_unused_export__ = BatchCreateMemoryRecordsOutput$;
__webpack_unused_export__ = BatchDeleteMemoryRecords$;
__webpack_unused_export__ = BatchDeleteMemoryRecordsCommand;
__webpack_unused_export__ = BatchDeleteMemoryRecordsInput$;
__webpack_unused_export__ = BatchDeleteMemoryRecordsOutput$;
__webpack_unused_export__ = BatchEvaluationStatus;
__webpack_unused_export__ = BatchEvaluationSummary$;
__webpack_unused_export__ = BatchEvaluationTraceConfig$;
__webpack_unused_export__ = BatchUpdateMemoryRecords$;
__webpack_unused_export__ = BatchUpdateMemoryRecordsCommand;
__webpack_unused_export__ = BatchUpdateMemoryRecordsInput$;
__webpack_unused_export__ = BatchUpdateMemoryRecordsOutput$;
__webpack_unused_export__ = BedrockAgentCore;
exports.BedrockAgentCoreClient = BedrockAgentCoreClient;
__webpack_unused_export__ = BedrockAgentCoreServiceException;
__webpack_unused_export__ = BedrockAgentCoreServiceException$;
__webpack_unused_export__ = BlockchainChainId;
__webpack_unused_export__ = Branch$;
__webpack_unused_export__ = BranchFilter$;
__webpack_unused_export__ = BrowserAction$;
__webpack_unused_export__ = BrowserActionResult$;
__webpack_unused_export__ = BrowserActionStatus;
__webpack_unused_export__ = BrowserEnterprisePolicy$;
__webpack_unused_export__ = BrowserEnterprisePolicyType;
__webpack_unused_export__ = BrowserExtension$;
__webpack_unused_export__ = BrowserProfileConfiguration$;
__webpack_unused_export__ = BrowserSessionStatus;
__webpack_unused_export__ = BrowserSessionStream$;
__webpack_unused_export__ = BrowserSessionSummary$;
__webpack_unused_export__ = CapacityProviderSessionStatus;
__webpack_unused_export__ = Certificate$;
__webpack_unused_export__ = CertificateLocation$;
__webpack_unused_export__ = CloudWatchFilterConfig$;
__webpack_unused_export__ = CloudWatchLogsFilter$;
__webpack_unused_export__ = CloudWatchLogsFilterOperator;
__webpack_unused_export__ = CloudWatchLogsRule$;
__webpack_unused_export__ = CloudWatchLogsSource$;
__webpack_unused_export__ = CloudWatchLogsTraceConfig$;
__webpack_unused_export__ = CloudWatchOutputConfig$;
__webpack_unused_export__ = CodeInterpreterResult$;
__webpack_unused_export__ = CodeInterpreterSessionStatus;
__webpack_unused_export__ = CodeInterpreterSessionSummary$;
__webpack_unused_export__ = CodeInterpreterStreamOutput$;
__webpack_unused_export__ = CoinbaseCdpTokenRequestInput$;
__webpack_unused_export__ = CoinbaseCdpTokenResponseOutput$;
__webpack_unused_export__ = CommandExecutionStatus;
__webpack_unused_export__ = CompleteResourceTokenAuth$;
__webpack_unused_export__ = CompleteResourceTokenAuthCommand;
__webpack_unused_export__ = CompleteResourceTokenAuthRequest$;
__webpack_unused_export__ = CompleteResourceTokenAuthResponse$;
__webpack_unused_export__ = ConfidenceInterval$;
__webpack_unused_export__ = ConfigurationBundleRef$;
__webpack_unused_export__ = ConfigurationBundleToolEntry$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = Content$;
__webpack_unused_export__ = ContentBlock$;
__webpack_unused_export__ = ContentBlockType;
__webpack_unused_export__ = ContentDeltaEvent$;
__webpack_unused_export__ = ContentSource$;
__webpack_unused_export__ = ContentStartEvent$;
__webpack_unused_export__ = ContentStopEvent$;
__webpack_unused_export__ = Context$;
__webpack_unused_export__ = ControlStats$;
__webpack_unused_export__ = Conversational$;
__webpack_unused_export__ = CreateABTest$;
__webpack_unused_export__ = CreateABTestCommand;
__webpack_unused_export__ = CreateABTestRequest$;
__webpack_unused_export__ = CreateABTestResponse$;
__webpack_unused_export__ = CreateEvent$;
__webpack_unused_export__ = CreateEventCommand;
__webpack_unused_export__ = CreateEventInput$;
__webpack_unused_export__ = CreateEventOutput$;
__webpack_unused_export__ = CreatePaymentInstrument$;
__webpack_unused_export__ = CreatePaymentInstrumentCommand;
__webpack_unused_export__ = CreatePaymentInstrumentRequest$;
__webpack_unused_export__ = CreatePaymentInstrumentResponse$;
__webpack_unused_export__ = CreatePaymentSession$;
__webpack_unused_export__ = CreatePaymentSessionCommand;
__webpack_unused_export__ = CreatePaymentSessionRequest$;
__webpack_unused_export__ = CreatePaymentSessionResponse$;
__webpack_unused_export__ = CryptoWalletNetwork;
__webpack_unused_export__ = CryptoX402PaymentInput$;
__webpack_unused_export__ = CryptoX402PaymentOutput$;
__webpack_unused_export__ = Currency;
__webpack_unused_export__ = CustomDescriptor$;
__webpack_unused_export__ = DataSourceConfig$;
__webpack_unused_export__ = DeleteABTest$;
__webpack_unused_export__ = DeleteABTestCommand;
__webpack_unused_export__ = DeleteABTestRequest$;
__webpack_unused_export__ = DeleteABTestResponse$;
__webpack_unused_export__ = DeleteBatchEvaluation$;
__webpack_unused_export__ = DeleteBatchEvaluationCommand;
__webpack_unused_export__ = DeleteBatchEvaluationRequest$;
__webpack_unused_export__ = DeleteBatchEvaluationResponse$;
__webpack_unused_export__ = DeleteCapacityProviderSession$;
__webpack_unused_export__ = DeleteCapacityProviderSessionCommand;
__webpack_unused_export__ = DeleteCapacityProviderSessionRequest$;
__webpack_unused_export__ = DeleteCapacityProviderSessionResponse$;
__webpack_unused_export__ = DeleteEvent$;
__webpack_unused_export__ = DeleteEventCommand;
__webpack_unused_export__ = DeleteEventInput$;
__webpack_unused_export__ = DeleteEventOutput$;
__webpack_unused_export__ = DeleteMemoryRecord$;
__webpack_unused_export__ = DeleteMemoryRecordCommand;
__webpack_unused_export__ = DeleteMemoryRecordInput$;
__webpack_unused_export__ = DeleteMemoryRecordOutput$;
__webpack_unused_export__ = DeletePaymentInstrument$;
__webpack_unused_export__ = DeletePaymentInstrumentCommand;
__webpack_unused_export__ = DeletePaymentInstrumentRequest$;
__webpack_unused_export__ = DeletePaymentInstrumentResponse$;
__webpack_unused_export__ = DeletePaymentSession$;
__webpack_unused_export__ = DeletePaymentSessionCommand;
__webpack_unused_export__ = DeletePaymentSessionRequest$;
__webpack_unused_export__ = DeletePaymentSessionResponse$;
__webpack_unused_export__ = DeleteRecommendation$;
__webpack_unused_export__ = DeleteRecommendationCommand;
__webpack_unused_export__ = DeleteRecommendationRequest$;
__webpack_unused_export__ = DeleteRecommendationResponse$;
__webpack_unused_export__ = DescriptorType;
__webpack_unused_export__ = Descriptors$;
__webpack_unused_export__ = DuplicateIdException;
__webpack_unused_export__ = DuplicateIdException$;
__webpack_unused_export__ = EfsConfiguration$;
__webpack_unused_export__ = EmbeddedCryptoWallet$;
__webpack_unused_export__ = Evaluate$;
__webpack_unused_export__ = EvaluateCommand;
__webpack_unused_export__ = EvaluateRequest$;
__webpack_unused_export__ = EvaluateResponse$;
__webpack_unused_export__ = EvaluationContent$;
__webpack_unused_export__ = EvaluationExpectedTrajectory$;
__webpack_unused_export__ = EvaluationInput$;
__webpack_unused_export__ = EvaluationJobResults$;
__webpack_unused_export__ = EvaluationMetadata$;
__webpack_unused_export__ = EvaluationReferenceInput$;
__webpack_unused_export__ = EvaluationResultContent$;
__webpack_unused_export__ = EvaluationTarget$;
__webpack_unused_export__ = Evaluator$;
__webpack_unused_export__ = EvaluatorMetric$;
__webpack_unused_export__ = EvaluatorStatistics$;
__webpack_unused_export__ = EvaluatorSummary$;
__webpack_unused_export__ = Event$;
__webpack_unused_export__ = EventFilterCondition;
__webpack_unused_export__ = EventMetadataFilterExpression$;
__webpack_unused_export__ = ExecutionSummaryAffectedSession$;
__webpack_unused_export__ = ExecutionSummaryCluster$;
__webpack_unused_export__ = ExecutionSummaryClusteringResultContent$;
__webpack_unused_export__ = ExternalProxy$;
__webpack_unused_export__ = ExtractionConfig$;
__webpack_unused_export__ = ExtractionJob$;
__webpack_unused_export__ = ExtractionJobFilterInput$;
__webpack_unused_export__ = ExtractionJobMessages$;
__webpack_unused_export__ = ExtractionJobMetadata$;
__webpack_unused_export__ = ExtractionJobStatus;
__webpack_unused_export__ = ExtractionMode;
__webpack_unused_export__ = FailureAnalysisResultContent$;
__webpack_unused_export__ = FailureCategoryCluster$;
__webpack_unused_export__ = FailureSpanDetail$;
__webpack_unused_export__ = FailureSubCategoryCluster$;
__webpack_unused_export__ = FilterInput$;
__webpack_unused_export__ = FilterValue$;
__webpack_unused_export__ = GatewayFilter$;
__webpack_unused_export__ = GetABTest$;
__webpack_unused_export__ = GetABTestCommand;
__webpack_unused_export__ = GetABTestRequest$;
__webpack_unused_export__ = GetABTestResponse$;
__webpack_unused_export__ = GetAgentCard$;
__webpack_unused_export__ = GetAgentCardCommand;
__webpack_unused_export__ = GetAgentCardRequest$;
__webpack_unused_export__ = GetAgentCardResponse$;
__webpack_unused_export__ = GetBatchEvaluation$;
__webpack_unused_export__ = GetBatchEvaluationCommand;
__webpack_unused_export__ = GetBatchEvaluationRequest$;
__webpack_unused_export__ = GetBatchEvaluationResponse$;
__webpack_unused_export__ = GetBrowserSession$;
__webpack_unused_export__ = GetBrowserSessionCommand;
__webpack_unused_export__ = GetBrowserSessionRequest$;
__webpack_unused_export__ = GetBrowserSessionResponse$;
__webpack_unused_export__ = GetCodeInterpreterSession$;
__webpack_unused_export__ = GetCodeInterpreterSessionCommand;
__webpack_unused_export__ = GetCodeInterpreterSessionRequest$;
__webpack_unused_export__ = GetCodeInterpreterSessionResponse$;
__webpack_unused_export__ = GetEvent$;
__webpack_unused_export__ = GetEventCommand;
__webpack_unused_export__ = GetEventInput$;
__webpack_unused_export__ = GetEventOutput$;
__webpack_unused_export__ = GetMemoryRecord$;
__webpack_unused_export__ = GetMemoryRecordCommand;
__webpack_unused_export__ = GetMemoryRecordInput$;
__webpack_unused_export__ = GetMemoryRecordOutput$;
__webpack_unused_export__ = GetPaymentInstrument$;
__webpack_unused_export__ = GetPaymentInstrumentBalance$;
__webpack_unused_export__ = GetPaymentInstrumentBalanceCommand;
__webpack_unused_export__ = GetPaymentInstrumentBalanceRequest$;
__webpack_unused_export__ = GetPaymentInstrumentBalanceResponse$;
__webpack_unused_export__ = GetPaymentInstrumentCommand;
__webpack_unused_export__ = GetPaymentInstrumentRequest$;
__webpack_unused_export__ = GetPaymentInstrumentResponse$;
__webpack_unused_export__ = GetPaymentSession$;
__webpack_unused_export__ = GetPaymentSessionCommand;
__webpack_unused_export__ = GetPaymentSessionRequest$;
__webpack_unused_export__ = GetPaymentSessionResponse$;
__webpack_unused_export__ = GetRecommendation$;
__webpack_unused_export__ = GetRecommendationCommand;
__webpack_unused_export__ = GetRecommendationRequest$;
__webpack_unused_export__ = GetRecommendationResponse$;
__webpack_unused_export__ = GetResourceApiKey$;
__webpack_unused_export__ = GetResourceApiKeyCommand;
__webpack_unused_export__ = GetResourceApiKeyRequest$;
__webpack_unused_export__ = GetResourceApiKeyResponse$;
__webpack_unused_export__ = GetResourceOauth2Token$;
__webpack_unused_export__ = GetResourceOauth2TokenCommand;
__webpack_unused_export__ = GetResourceOauth2TokenRequest$;
__webpack_unused_export__ = GetResourceOauth2TokenResponse$;
__webpack_unused_export__ = GetResourcePaymentToken$;
__webpack_unused_export__ = GetResourcePaymentTokenCommand;
__webpack_unused_export__ = GetResourcePaymentTokenRequest$;
__webpack_unused_export__ = GetResourcePaymentTokenResponse$;
__webpack_unused_export__ = GetWorkloadAccessToken$;
__webpack_unused_export__ = GetWorkloadAccessTokenCommand;
__webpack_unused_export__ = GetWorkloadAccessTokenForJWT$;
__webpack_unused_export__ = GetWorkloadAccessTokenForJWTCommand;
__webpack_unused_export__ = GetWorkloadAccessTokenForJWTRequest$;
__webpack_unused_export__ = GetWorkloadAccessTokenForJWTResponse$;
__webpack_unused_export__ = GetWorkloadAccessTokenForUserId$;
__webpack_unused_export__ = GetWorkloadAccessTokenForUserIdCommand;
__webpack_unused_export__ = GetWorkloadAccessTokenForUserIdRequest$;
__webpack_unused_export__ = GetWorkloadAccessTokenForUserIdResponse$;
__webpack_unused_export__ = GetWorkloadAccessTokenRequest$;
__webpack_unused_export__ = GetWorkloadAccessTokenResponse$;
__webpack_unused_export__ = GroundTruthSource$;
__webpack_unused_export__ = GroundTruthTurn$;
__webpack_unused_export__ = GroundTruthTurnInput$;
__webpack_unused_export__ = HarnessAgentCoreBrowserConfig$;
__webpack_unused_export__ = HarnessAgentCoreCodeInterpreterConfig$;
__webpack_unused_export__ = HarnessAgentCoreGatewayConfig$;
__webpack_unused_export__ = HarnessBedrockApiFormat;
__webpack_unused_export__ = HarnessBedrockModelConfig$;
__webpack_unused_export__ = HarnessContentBlock$;
__webpack_unused_export__ = HarnessContentBlockDelta$;
__webpack_unused_export__ = HarnessContentBlockDeltaEvent$;
__webpack_unused_export__ = HarnessContentBlockStart$;
__webpack_unused_export__ = HarnessContentBlockStartEvent$;
__webpack_unused_export__ = HarnessContentBlockStopEvent$;
__webpack_unused_export__ = HarnessConversationRole;
__webpack_unused_export__ = HarnessGatewayOutboundAuth$;
__webpack_unused_export__ = HarnessGeminiModelConfig$;
__webpack_unused_export__ = HarnessHookDecision;
__webpack_unused_export__ = HarnessHookEvent$;
__webpack_unused_export__ = HarnessHookEventType;
__webpack_unused_export__ = HarnessInlineFunctionConfig$;
__webpack_unused_export__ = HarnessLiteLlmModelConfig$;
__webpack_unused_export__ = HarnessMessage$;
__webpack_unused_export__ = HarnessMessageStartEvent$;
__webpack_unused_export__ = HarnessMessageStopEvent$;
__webpack_unused_export__ = HarnessMetadataEvent$;
__webpack_unused_export__ = HarnessModelConfiguration$;
__webpack_unused_export__ = HarnessOpenAiApiFormat;
__webpack_unused_export__ = HarnessOpenAiModelConfig$;
__webpack_unused_export__ = HarnessReasoningContentBlock$;
__webpack_unused_export__ = HarnessReasoningContentBlockDelta$;
__webpack_unused_export__ = HarnessReasoningTextBlock$;
__webpack_unused_export__ = HarnessRemoteMcpConfig$;
__webpack_unused_export__ = HarnessSkill$;
__webpack_unused_export__ = HarnessSkillAwsSkillsSource$;
__webpack_unused_export__ = HarnessSkillGitAuth$;
__webpack_unused_export__ = HarnessSkillGitSource$;
__webpack_unused_export__ = HarnessSkillS3Source$;
__webpack_unused_export__ = HarnessStopReason;
__webpack_unused_export__ = HarnessStreamMetrics$;
__webpack_unused_export__ = HarnessSystemContentBlock$;
__webpack_unused_export__ = HarnessTokenUsage$;
__webpack_unused_export__ = HarnessTool$;
__webpack_unused_export__ = HarnessToolConfiguration$;
__webpack_unused_export__ = HarnessToolResultBlock$;
__webpack_unused_export__ = HarnessToolResultBlockDelta$;
__webpack_unused_export__ = HarnessToolResultBlockStart$;
__webpack_unused_export__ = HarnessToolResultContentBlock$;
__webpack_unused_export__ = HarnessToolResultMetadataBlockDelta$;
__webpack_unused_export__ = HarnessToolType;
__webpack_unused_export__ = HarnessToolUseBlock$;
__webpack_unused_export__ = HarnessToolUseBlockDelta$;
__webpack_unused_export__ = HarnessToolUseBlockStart$;
__webpack_unused_export__ = HarnessToolUseStatus;
__webpack_unused_export__ = HarnessToolUseType;
__webpack_unused_export__ = IngestData$;
__webpack_unused_export__ = IngestDataCommand;
__webpack_unused_export__ = IngestDataInput$;
__webpack_unused_export__ = IngestDataOutput$;
__webpack_unused_export__ = IngestPayloadType$;
__webpack_unused_export__ = InlineGroundTruth$;
__webpack_unused_export__ = InlineMemoryContent$;
__webpack_unused_export__ = InputContentBlock$;
__webpack_unused_export__ = Insight$;
__webpack_unused_export__ = InsightsFailureCategory;
__webpack_unused_export__ = InsightsFailureSignal$;
__webpack_unused_export__ = InstrumentBalanceToken;
__webpack_unused_export__ = InternalServerException;
__webpack_unused_export__ = InternalServerException$;
__webpack_unused_export__ = InvalidInputException;
__webpack_unused_export__ = InvalidInputException$;
__webpack_unused_export__ = InvokeAgentRuntime$;
exports.InvokeAgentRuntimeCommand = InvokeAgentRuntimeCommand;
__webpack_unused_export__ = InvokeAgentRuntimeCommand$;
__webpack_unused_export__ = InvokeAgentRuntimeCommandCommand;
__webpack_unused_export__ = InvokeAgentRuntimeCommandRequest$;
__webpack_unused_export__ = InvokeAgentRuntimeCommandRequestBody$;
__webpack_unused_export__ = InvokeAgentRuntimeCommandResponse$;
__webpack_unused_export__ = InvokeAgentRuntimeCommandStreamOutput$;
__webpack_unused_export__ = InvokeAgentRuntimeRequest$;
__webpack_unused_export__ = InvokeAgentRuntimeResponse$;
__webpack_unused_export__ = InvokeBrowser$;
__webpack_unused_export__ = InvokeBrowserCommand;
__webpack_unused_export__ = InvokeBrowserRequest$;
__webpack_unused_export__ = InvokeBrowserResponse$;
__webpack_unused_export__ = InvokeCodeInterpreter$;
__webpack_unused_export__ = InvokeCodeInterpreterCommand;
__webpack_unused_export__ = InvokeCodeInterpreterRequest$;
__webpack_unused_export__ = InvokeCodeInterpreterResponse$;
__webpack_unused_export__ = InvokeHarness$;
__webpack_unused_export__ = InvokeHarnessCommand;
__webpack_unused_export__ = InvokeHarnessRequest$;
__webpack_unused_export__ = InvokeHarnessResponse$;
__webpack_unused_export__ = InvokeHarnessStreamOutput$;
__webpack_unused_export__ = KeyPressArguments$;
__webpack_unused_export__ = KeyPressResult$;
__webpack_unused_export__ = KeyShortcutArguments$;
__webpack_unused_export__ = KeyShortcutResult$;
__webpack_unused_export__ = KeyTypeArguments$;
__webpack_unused_export__ = KeyTypeResult$;
__webpack_unused_export__ = LanguageRuntime;
__webpack_unused_export__ = LeftExpression$;
__webpack_unused_export__ = LinkedAccount$;
__webpack_unused_export__ = LinkedAccountDeveloperJwt$;
__webpack_unused_export__ = LinkedAccountEmail$;
__webpack_unused_export__ = LinkedAccountOAuth2$;
__webpack_unused_export__ = LinkedAccountSms$;
__webpack_unused_export__ = ListABTests$;
__webpack_unused_export__ = ListABTestsCommand;
__webpack_unused_export__ = ListABTestsRequest$;
__webpack_unused_export__ = ListABTestsResponse$;
__webpack_unused_export__ = ListActors$;
__webpack_unused_export__ = ListActorsCommand;
__webpack_unused_export__ = ListActorsInput$;
__webpack_unused_export__ = ListActorsOutput$;
__webpack_unused_export__ = ListBatchEvaluations$;
__webpack_unused_export__ = ListBatchEvaluationsCommand;
__webpack_unused_export__ = ListBatchEvaluationsRequest$;
__webpack_unused_export__ = ListBatchEvaluationsResponse$;
__webpack_unused_export__ = ListBrowserSessions$;
__webpack_unused_export__ = ListBrowserSessionsCommand;
__webpack_unused_export__ = ListBrowserSessionsRequest$;
__webpack_unused_export__ = ListBrowserSessionsResponse$;
__webpack_unused_export__ = ListCodeInterpreterSessions$;
__webpack_unused_export__ = ListCodeInterpreterSessionsCommand;
__webpack_unused_export__ = ListCodeInterpreterSessionsRequest$;
__webpack_unused_export__ = ListCodeInterpreterSessionsResponse$;
__webpack_unused_export__ = ListEvents$;
__webpack_unused_export__ = ListEventsCommand;
__webpack_unused_export__ = ListEventsInput$;
__webpack_unused_export__ = ListEventsOutput$;
__webpack_unused_export__ = ListMemoryExtractionJobs$;
__webpack_unused_export__ = ListMemoryExtractionJobsCommand;
__webpack_unused_export__ = ListMemoryExtractionJobsInput$;
__webpack_unused_export__ = ListMemoryExtractionJobsOutput$;
__webpack_unused_export__ = ListMemoryRecords$;
__webpack_unused_export__ = ListMemoryRecordsCommand;
__webpack_unused_export__ = ListMemoryRecordsInput$;
__webpack_unused_export__ = ListMemoryRecordsOutput$;
__webpack_unused_export__ = ListPaymentInstruments$;
__webpack_unused_export__ = ListPaymentInstrumentsCommand;
__webpack_unused_export__ = ListPaymentInstrumentsRequest$;
__webpack_unused_export__ = ListPaymentInstrumentsResponse$;
__webpack_unused_export__ = ListPaymentSessions$;
__webpack_unused_export__ = ListPaymentSessionsCommand;
__webpack_unused_export__ = ListPaymentSessionsRequest$;
__webpack_unused_export__ = ListPaymentSessionsResponse$;
__webpack_unused_export__ = ListRecommendations$;
__webpack_unused_export__ = ListRecommendationsCommand;
__webpack_unused_export__ = ListRecommendationsRequest$;
__webpack_unused_export__ = ListRecommendationsResponse$;
__webpack_unused_export__ = ListSessions$;
__webpack_unused_export__ = ListSessionsCommand;
__webpack_unused_export__ = ListSessionsInput$;
__webpack_unused_export__ = ListSessionsOutput$;
__webpack_unused_export__ = LiveViewStream$;
__webpack_unused_export__ = McpDescriptor$;
__webpack_unused_export__ = MemoryContent$;
__webpack_unused_export__ = MemoryJsonData$;
__webpack_unused_export__ = MemoryMetadataFilterExpression$;
__webpack_unused_export__ = MemoryRecord$;
__webpack_unused_export__ = MemoryRecordCreateInput$;
__webpack_unused_export__ = MemoryRecordDeleteInput$;
__webpack_unused_export__ = MemoryRecordLeftExpression$;
__webpack_unused_export__ = MemoryRecordMetadataValue$;
__webpack_unused_export__ = MemoryRecordOperatorType;
__webpack_unused_export__ = MemoryRecordOutput$;
__webpack_unused_export__ = MemoryRecordRightExpression$;
__webpack_unused_export__ = MemoryRecordStatus;
__webpack_unused_export__ = MemoryRecordSummary$;
__webpack_unused_export__ = MemoryRecordUpdateInput$;
__webpack_unused_export__ = MessageMetadata$;
__webpack_unused_export__ = MetadataValue$;
__webpack_unused_export__ = MouseButton;
__webpack_unused_export__ = MouseClickArguments$;
__webpack_unused_export__ = MouseClickResult$;
__webpack_unused_export__ = MouseDragArguments$;
__webpack_unused_export__ = MouseDragResult$;
__webpack_unused_export__ = MouseMoveArguments$;
__webpack_unused_export__ = MouseMoveResult$;
__webpack_unused_export__ = MouseScrollArguments$;
__webpack_unused_export__ = MouseScrollResult$;
__webpack_unused_export__ = MppPaymentInput$;
__webpack_unused_export__ = MppPaymentOutput$;
__webpack_unused_export__ = OAuth2Authentication$;
__webpack_unused_export__ = OAuthCredentialProvider$;
__webpack_unused_export__ = OAuthGrantType;
__webpack_unused_export__ = Oauth2FlowType;
__webpack_unused_export__ = OnlineEvaluationConfigSource$;
__webpack_unused_export__ = OnlineEvaluationTraceConfig$;
__webpack_unused_export__ = OperatorType;
__webpack_unused_export__ = OutputConfig$;
__webpack_unused_export__ = PayloadType$;
__webpack_unused_export__ = PaymentHttpMethodType;
__webpack_unused_export__ = PaymentInput$;
__webpack_unused_export__ = PaymentInstrument$;
__webpack_unused_export__ = PaymentInstrumentDetails$;
__webpack_unused_export__ = PaymentInstrumentStatus;
__webpack_unused_export__ = PaymentInstrumentSummary$;
__webpack_unused_export__ = PaymentInstrumentType;
__webpack_unused_export__ = PaymentOutput$;
__webpack_unused_export__ = PaymentSession$;
__webpack_unused_export__ = PaymentSessionStatus;
__webpack_unused_export__ = PaymentSessionSummary$;
__webpack_unused_export__ = PaymentStatus;
__webpack_unused_export__ = PaymentTokenRequestInput$;
__webpack_unused_export__ = PaymentTokenResponseOutput$;
__webpack_unused_export__ = PaymentType;
__webpack_unused_export__ = PerVariantOnlineEvaluationConfig$;
__webpack_unused_export__ = ProcessPayment$;
__webpack_unused_export__ = ProcessPaymentCommand;
__webpack_unused_export__ = ProcessPaymentRequest$;
__webpack_unused_export__ = ProcessPaymentResponse$;
__webpack_unused_export__ = ProgrammingLanguage;
__webpack_unused_export__ = Proxy$;
__webpack_unused_export__ = ProxyBypass$;
__webpack_unused_export__ = ProxyConfiguration$;
__webpack_unused_export__ = ProxyCredentials$;
__webpack_unused_export__ = RecommendationConfig$;
__webpack_unused_export__ = RecommendationEvaluationConfig$;
__webpack_unused_export__ = RecommendationEvaluatorReference$;
__webpack_unused_export__ = RecommendationResult$;
__webpack_unused_export__ = RecommendationResultConfigurationBundle$;
__webpack_unused_export__ = RecommendationStatus;
__webpack_unused_export__ = RecommendationSummary$;
__webpack_unused_export__ = RecommendationType;
__webpack_unused_export__ = RegistryRecordStatus;
__webpack_unused_export__ = RegistryRecordSummary$;
__webpack_unused_export__ = ResourceContent$;
__webpack_unused_export__ = ResourceContentType;
__webpack_unused_export__ = ResourceLocation$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResponseChunk$;
__webpack_unused_export__ = ResultDestination;
__webpack_unused_export__ = RetrieveMemoryRecords$;
__webpack_unused_export__ = RetrieveMemoryRecordsCommand;
__webpack_unused_export__ = RetrieveMemoryRecordsInput$;
__webpack_unused_export__ = RetrieveMemoryRecordsOutput$;
__webpack_unused_export__ = RetryableConflictException;
__webpack_unused_export__ = RetryableConflictException$;
__webpack_unused_export__ = RightExpression$;
__webpack_unused_export__ = Role;
__webpack_unused_export__ = RootCauseCluster$;
__webpack_unused_export__ = RuntimeClientError;
__webpack_unused_export__ = RuntimeClientError$;
__webpack_unused_export__ = S3FilesConfiguration$;
__webpack_unused_export__ = S3Location$;
__webpack_unused_export__ = SaveBrowserSessionProfile$;
__webpack_unused_export__ = SaveBrowserSessionProfileCommand;
__webpack_unused_export__ = SaveBrowserSessionProfileRequest$;
__webpack_unused_export__ = SaveBrowserSessionProfileResponse$;
__webpack_unused_export__ = ScreenshotArguments$;
__webpack_unused_export__ = ScreenshotFormat;
__webpack_unused_export__ = ScreenshotResult$;
__webpack_unused_export__ = SearchCriteria$;
__webpack_unused_export__ = SearchRegistryRecords$;
__webpack_unused_export__ = SearchRegistryRecordsCommand;
__webpack_unused_export__ = SearchRegistryRecordsRequest$;
__webpack_unused_export__ = SearchRegistryRecordsResponse$;
__webpack_unused_export__ = SecretsManagerLocation$;
__webpack_unused_export__ = ServerDefinition$;
__webpack_unused_export__ = ServiceException;
__webpack_unused_export__ = ServiceException$;
__webpack_unused_export__ = ServiceQuotaExceededException;
__webpack_unused_export__ = ServiceQuotaExceededException$;
__webpack_unused_export__ = SessionFilter$;
__webpack_unused_export__ = SessionFilterConfig$;
__webpack_unused_export__ = SessionLimits$;
__webpack_unused_export__ = SessionMetadataShape$;
__webpack_unused_export__ = SessionStatus;
__webpack_unused_export__ = SessionSummary$;
__webpack_unused_export__ = SessionTraceIds$;
__webpack_unused_export__ = SkillDefinition$;
__webpack_unused_export__ = SkillMdDefinition$;
__webpack_unused_export__ = SpanContext$;
__webpack_unused_export__ = StartBatchEvaluation$;
__webpack_unused_export__ = StartBatchEvaluationCommand;
__webpack_unused_export__ = StartBatchEvaluationRequest$;
__webpack_unused_export__ = StartBatchEvaluationResponse$;
__webpack_unused_export__ = StartBrowserSession$;
__webpack_unused_export__ = StartBrowserSessionCommand;
__webpack_unused_export__ = StartBrowserSessionRequest$;
__webpack_unused_export__ = StartBrowserSessionResponse$;
__webpack_unused_export__ = StartCodeInterpreterSession$;
__webpack_unused_export__ = StartCodeInterpreterSessionCommand;
__webpack_unused_export__ = StartCodeInterpreterSessionRequest$;
__webpack_unused_export__ = StartCodeInterpreterSessionResponse$;
__webpack_unused_export__ = StartMemoryExtractionJob$;
__webpack_unused_export__ = StartMemoryExtractionJobCommand;
__webpack_unused_export__ = StartMemoryExtractionJobInput$;
__webpack_unused_export__ = StartMemoryExtractionJobOutput$;
__webpack_unused_export__ = StartRecommendation$;
__webpack_unused_export__ = StartRecommendationCommand;
__webpack_unused_export__ = StartRecommendationRequest$;
__webpack_unused_export__ = StartRecommendationResponse$;
__webpack_unused_export__ = StopBatchEvaluation$;
__webpack_unused_export__ = StopBatchEvaluationCommand;
__webpack_unused_export__ = StopBatchEvaluationRequest$;
__webpack_unused_export__ = StopBatchEvaluationResponse$;
__webpack_unused_export__ = StopBrowserSession$;
__webpack_unused_export__ = StopBrowserSessionCommand;
__webpack_unused_export__ = StopBrowserSessionRequest$;
__webpack_unused_export__ = StopBrowserSessionResponse$;
__webpack_unused_export__ = StopCodeInterpreterSession$;
__webpack_unused_export__ = StopCodeInterpreterSessionCommand;
__webpack_unused_export__ = StopCodeInterpreterSessionRequest$;
__webpack_unused_export__ = StopCodeInterpreterSessionResponse$;
__webpack_unused_export__ = StopRuntimeSession$;
__webpack_unused_export__ = StopRuntimeSessionCommand;
__webpack_unused_export__ = StopRuntimeSessionRequest$;
__webpack_unused_export__ = StopRuntimeSessionResponse$;
__webpack_unused_export__ = StreamUpdate$;
__webpack_unused_export__ = StripePrivyTokenRequestInput$;
__webpack_unused_export__ = StripePrivyTokenResponseOutput$;
__webpack_unused_export__ = SubscriptionRequiredException;
__webpack_unused_export__ = SubscriptionRequiredException$;
__webpack_unused_export__ = SystemPromptConfig$;
__webpack_unused_export__ = SystemPromptConfigurationBundle$;
__webpack_unused_export__ = SystemPromptRecommendationConfig$;
__webpack_unused_export__ = SystemPromptRecommendationResult$;
__webpack_unused_export__ = TargetRef$;
__webpack_unused_export__ = TaskStatus;
__webpack_unused_export__ = ThrottledException;
__webpack_unused_export__ = ThrottledException$;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = TokenBalance$;
__webpack_unused_export__ = TokenUsage$;
__webpack_unused_export__ = ToolArguments$;
__webpack_unused_export__ = ToolDescriptionConfig$;
__webpack_unused_export__ = ToolDescriptionConfigurationBundle$;
__webpack_unused_export__ = ToolDescriptionInput$;
__webpack_unused_export__ = ToolDescriptionOutput$;
__webpack_unused_export__ = ToolDescriptionRecommendationConfig$;
__webpack_unused_export__ = ToolDescriptionRecommendationResult$;
__webpack_unused_export__ = ToolDescriptionSource$;
__webpack_unused_export__ = ToolDescriptionTextInput$;
__webpack_unused_export__ = ToolName;
__webpack_unused_export__ = ToolResultStructuredContent$;
__webpack_unused_export__ = ToolsDefinition$;
__webpack_unused_export__ = ToolsFileSystemConfiguration$;
__webpack_unused_export__ = UnauthorizedException;
__webpack_unused_export__ = UnauthorizedException$;
__webpack_unused_export__ = UpdateABTest$;
__webpack_unused_export__ = UpdateABTestCommand;
__webpack_unused_export__ = UpdateABTestRequest$;
__webpack_unused_export__ = UpdateABTestResponse$;
__webpack_unused_export__ = UpdateBrowserStream$;
__webpack_unused_export__ = UpdateBrowserStreamCommand;
__webpack_unused_export__ = UpdateBrowserStreamRequest$;
__webpack_unused_export__ = UpdateBrowserStreamResponse$;
__webpack_unused_export__ = UserIdentifier$;
__webpack_unused_export__ = UserIntentAffectedSession$;
__webpack_unused_export__ = UserIntentCluster$;
__webpack_unused_export__ = UserIntentClusteringResultContent$;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = ValidationExceptionField$;
__webpack_unused_export__ = ValidationExceptionReason;
__webpack_unused_export__ = Variant$;
__webpack_unused_export__ = VariantConfiguration$;
__webpack_unused_export__ = VariantResult$;
__webpack_unused_export__ = ViewPort$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateListABTests;
__webpack_unused_export__ = paginateListActors;
__webpack_unused_export__ = paginateListBatchEvaluations;
__webpack_unused_export__ = paginateListEvents;
__webpack_unused_export__ = paginateListMemoryExtractionJobs;
__webpack_unused_export__ = paginateListMemoryRecords;
__webpack_unused_export__ = paginateListPaymentInstruments;
__webpack_unused_export__ = paginateListPaymentSessions;
__webpack_unused_export__ = paginateListRecommendations;
__webpack_unused_export__ = paginateListSessions;
__webpack_unused_export__ = paginateRetrieveMemoryRecords;


/***/ })

};
