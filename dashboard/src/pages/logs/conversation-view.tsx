/**
 * A log's prompt and completion as a conversation. Logs hold OpenAI chat messages for translated
 * requests and native bodies for passthrough, so anything that is not a list of `{role, content}`
 * messages is shown as JSON rather than guessed at.
 */

interface ChatMessage {
  role: string;
  content?: unknown;
  name?: string;
  tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
  tool_call_id?: string;
}

export function ConversationView({ prompt, completion }: { prompt: unknown; completion: unknown }) {
  if (prompt === undefined && completion === undefined) {
    return <p className="muted">This request was logged without content (disable_log).</p>;
  }
  const messages = [...toMessages(prompt, 'user'), ...toMessages(completion, 'assistant')];
  return (
    <ol className="conversation">
      {messages.map((message, index) => (
        <MessageBubble key={index} message={message} />
      ))}
    </ol>
  );
}

function toMessages(value: unknown, defaultRole: string): ChatMessage[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ role: defaultRole, content: value }];
  if (Array.isArray(value)) {
    if (value.every(isMessage)) return value;
    return value.map((item) => (isMessage(item) ? item : { role: defaultRole, content: item }));
  }
  if (isMessage(value)) return [value];
  return [{ role: defaultRole, content: value }];
}

function isMessage(value: unknown): value is ChatMessage {
  return typeof value === 'object' && value !== null && typeof (value as { role?: unknown }).role === 'string';
}

function MessageBubble({ message }: { message: ChatMessage }) {
  return (
    <li className={`message message-${message.role}`}>
      <p className="message-role">
        {message.role}
        {message.name !== undefined && ` (${message.name})`}
        {message.tool_call_id !== undefined && <span className="muted"> · result of {message.tool_call_id}</span>}
      </p>
      <MessageContent content={message.content} />
      {message.tool_calls?.map((call, index) => (
        <div key={call.id ?? index} className="tool-call">
          <p className="tool-call-name">
            Calls <code>{call.function?.name ?? 'a tool'}</code>
            {call.id !== undefined && <span className="muted"> · {call.id}</span>}
          </p>
          <pre>{prettyArguments(call.function?.arguments)}</pre>
        </div>
      ))}
    </li>
  );
}

function MessageContent({ content }: { content: unknown }) {
  if (content === undefined || content === null || content === '') return null;
  if (typeof content === 'string') return <p className="message-text">{content}</p>;
  if (Array.isArray(content)) {
    return (
      <>
        {content.map((part, index) => (
          <ContentPart key={index} part={part} />
        ))}
      </>
    );
  }
  return <pre>{JSON.stringify(content, null, 2)}</pre>;
}

function ContentPart({ part }: { part: unknown }) {
  if (typeof part === 'string') return <p className="message-text">{part}</p>;
  const typed = part as { type?: string; text?: string; image_url?: { url?: string } | string };
  if (typeof typed.text === 'string') return <p className="message-text">{typed.text}</p>;
  if (typed.type === 'image_url' || typed.type === 'input_image') {
    const url = typeof typed.image_url === 'string' ? typed.image_url : typed.image_url?.url ?? '';
    return <p className="muted">[image: {url.startsWith('data:') ? `${url.slice(0, 30)}…` : url}]</p>;
  }
  return <pre>{JSON.stringify(part, null, 2)}</pre>;
}

function prettyArguments(argumentsText: string | undefined): string {
  if (argumentsText === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(argumentsText), null, 2);
  } catch {
    return argumentsText;
  }
}
