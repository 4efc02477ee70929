import type {
  ResponsesOutputItem, ResponsesOutputRefusal, ResponsesOutputText, ResponsesResponse,
} from './types.ts';

/**
 * The Responses stream events a translated response emits, each sent as `event: <type>` plus
 * `data: <json>`. Every event carries a `sequence_number` that increases by one from 0.
 * Reference: https://platform.openai.com/docs/api-reference/responses-streaming
 */

export interface ResponseLifecycleEvent {
  type: 'response.created' | 'response.in_progress' | 'response.completed' | 'response.incomplete' | 'response.failed';
  sequence_number: number;
  response: ResponsesResponse;
}

export interface OutputItemEvent {
  type: 'response.output_item.added' | 'response.output_item.done';
  sequence_number: number;
  output_index: number;
  item: ResponsesOutputItem;
}

export interface ContentPartEvent {
  type: 'response.content_part.added' | 'response.content_part.done';
  sequence_number: number;
  item_id: string;
  output_index: number;
  content_index: number;
  part: ResponsesOutputText | ResponsesOutputRefusal;
}

interface ContentEventFields {
  sequence_number: number;
  item_id: string;
  output_index: number;
  content_index: number;
}

export interface OutputTextDeltaEvent extends ContentEventFields {
  type: 'response.output_text.delta';
  delta: string;
  logprobs: never[];
}

export interface OutputTextDoneEvent extends ContentEventFields {
  type: 'response.output_text.done';
  text: string;
  logprobs: never[];
}

export interface RefusalDeltaEvent extends ContentEventFields {
  type: 'response.refusal.delta';
  delta: string;
}

export interface RefusalDoneEvent extends ContentEventFields {
  type: 'response.refusal.done';
  refusal: string;
}

export interface FunctionCallArgumentsDeltaEvent {
  type: 'response.function_call_arguments.delta';
  sequence_number: number;
  item_id: string;
  output_index: number;
  delta: string;
}

export interface FunctionCallArgumentsDoneEvent {
  type: 'response.function_call_arguments.done';
  sequence_number: number;
  item_id: string;
  output_index: number;
  arguments: string;
}

interface SummaryEventFields {
  sequence_number: number;
  item_id: string;
  output_index: number;
  summary_index: number;
}

export interface ReasoningSummaryPartEvent extends SummaryEventFields {
  type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done';
  part: { type: 'summary_text'; text: string };
}

export interface ReasoningSummaryTextDeltaEvent extends SummaryEventFields {
  type: 'response.reasoning_summary_text.delta';
  delta: string;
}

export interface ReasoningSummaryTextDoneEvent extends SummaryEventFields {
  type: 'response.reasoning_summary_text.done';
  text: string;
}

export type ResponsesStreamEvent =
  | ResponseLifecycleEvent | OutputItemEvent | ContentPartEvent
  | OutputTextDeltaEvent | OutputTextDoneEvent | RefusalDeltaEvent | RefusalDoneEvent
  | FunctionCallArgumentsDeltaEvent | FunctionCallArgumentsDoneEvent
  | ReasoningSummaryPartEvent | ReasoningSummaryTextDeltaEvent | ReasoningSummaryTextDoneEvent;

/** An event before its sequence number is stamped (the translator numbers them in emit order). */
type WithoutSequenceNumber<Event> = Event extends unknown ? Omit<Event, 'sequence_number'> : never;
export type UnnumberedEvent = WithoutSequenceNumber<ResponsesStreamEvent>;
