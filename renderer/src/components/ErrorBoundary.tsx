import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a rendering failure so the person sees a short, translated explanation and a way to
 * reload, never a stack trace. The details go to the console and to `onError` (the core's log).
 */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode; onError?: (error: unknown, componentStack: string | undefined) => void },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('FieldKey could not show this page:', error, info.componentStack);
    this.props.onError?.(error, info.componentStack ?? undefined);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
