import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './state/app.svelte';
import { pickHost } from './host';
import './app.css';

const app = new AppState(pickHost());
mount(App, { target: document.getElementById('app')!, props: { app } });
