/**
 * Staggered difference-in-differences (Callaway & Sant'Anna 2021) with doubly robust 2x2
 * cells (Sant'Anna & Zhao 2020), matching R did 2.5.1 / DRDID 1.2.3. See README.md here.
 */
export { attgt, attgtMany, attgtPrepared, prepareAttgt } from './attgt';
export type { PreparedAttgt } from './attgt';
export type { MultiOutcomeInput, AttgtOptions, AttgtResult, AttgtCell, AttgtDetail, BootstrapOptions, WaldPretest } from './attgt';
export { aggte, dynamicDetail } from './aggte';
export type { AggteOptions, AggteResult, AggteRow, AggregationType, DynamicDetail, Estimate } from './aggte';
export { attgtPanel, attgtPanelMany, prepareAttgtPanel, didPanel, drdidFromPanel, outcomeColumn, staggeredBaseFromPanel, staggeredInputFromPanel } from './panel-adapter';
export type { DidBaseSpec, DidSpec, DrdidSpec } from './panel-adapter';
export { drdidPanel, panelDesign, PANEL_METHODS } from './drdid-panel';
export type { PanelMethod, PanelInput, TwoByTwoResult } from './drdid-panel';
export { drdidRc, RC_METHODS } from './drdid-rc';
export type { RcMethod, RcInput, RcResult } from './drdid-rc';
export type { StaggeredBase, StaggeredInput, Column, NamedColumn } from './prepare';
export type { AttgtMethod } from './cells';
export { DegenerateError } from './errors';
export { fitLogit } from './logit';
export { wls } from './wls';
export { twfeEventStudy } from './twfe-event-study';
export type { TwfeEventStudyOptions, TwfeEventStudyResult } from './twfe-event-study';
export { sunAbraham } from './sun-abraham';
export type { SunAbrahamOptions, SunAbrahamResult, SunAbrahamCell } from './sun-abraham';
export { imputation } from './imputation';
export type { ImputationOptions, ImputationResult, ImputationPretrend } from './imputation';
export type { EventPanelInput, EventEstimate, OverallEstimate } from './event-panel';
export { wildClusterBootstrap } from './wild-cluster-bootstrap';
export type { WildClusterInput, WildClusterResult, WildWeights } from './wild-cluster-bootstrap';
