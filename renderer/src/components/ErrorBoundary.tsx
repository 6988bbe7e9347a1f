import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a rendering failure so the person sees a short, translated explanation and a way to
 * reload, never a stack trace. The details go to the console for developers.
 */
export class ErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('FieldKey could not show this page:', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
